/** The Murmur load tester and codec benchmarks. */
package dev.murmur.load;
