/** permission-reconciliation: leavers, excess privilege and dormant grants, monthly. */
package dev.custos.jobs.reconciliation;
