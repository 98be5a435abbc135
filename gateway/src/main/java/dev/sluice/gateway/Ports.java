package dev.sluice.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks a port before a server binds it, so a clash reads as advice instead of a bind stack trace. */
final class Ports {
  private Ports() {}

  static void requireFree(int port, String what, String option) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new UserException("port " + port + " on 127.0.0.1 is in use, so " + what + " cannot listen there"
          + " (is another `sluice up` or Kafka running?); choose another with " + option);
    }
  }
}
