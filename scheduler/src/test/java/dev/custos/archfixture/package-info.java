/**
 * A job module in miniature and code outside it, for {@code ArchitectureTest}: proves that the
 * published-surface rule passes on a job's surface and fails on its internals. No Spring
 * annotations here: the application's component scan of {@code dev.custos} finds nothing.
 */
package dev.custos.archfixture;
