/**
 * What the server keeps about its own upkeep of the data: which one-off passes run at start (for
 * example placing the queue entries of deals stored before the deal lane) have gone through, so a
 * later start, or another server, does not run them again. Ports only; persistence implements them.
 */
package io.hearth.core.upkeep;
