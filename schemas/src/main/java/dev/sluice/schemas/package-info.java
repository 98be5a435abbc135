/** The contract shared by every Sluice service. */
package dev.sluice.schemas;
