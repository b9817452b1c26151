package dev.custos.jobs.reconciliation;

import dev.custos.common.roster.RosterEntry;

/**
 * A distinct grant as the review step reads it: with its holder's roster entry ({@code null} when
 * the roster has none), whether last month's published findings flagged it, and how many staged
 * export rows it merges.
 */
record GrantUnderReview(Grant grant, RosterEntry holder, boolean foundLastMonth, int rows) {
}
