package dev.custos.jobs.reconciliation;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;

import dev.custos.common.period.Period;

/**
 * Applies {@link ReconciliationRule} to each distinct grant, passing on its finding (NEW or
 * PERSISTING against last month's) and filtering out clean grants. Counts the grants and the
 * staged rows it reviewed in its step's context at every commit, so the counts survive a restart
 * (see {@link ReviewCounts}). Not final: the step scope proxies it by subclassing.
 */
class GrantReviewProcessor implements ItemProcessor<GrantUnderReview, MonthlyFinding>, ItemStream {

    private final ReconciliationRule rule;
    private final Period month;
    private long grants;
    private long grantRows;

    GrantReviewProcessor(ReconciliationRule rule, Period month) {
        this.rule = rule;
        this.month = month;
    }

    @Override
    public MonthlyFinding process(GrantUnderReview review) {
        grants++;
        grantRows += review.rows();
        return rule.evaluate(review.grant(), review.holder(), month)
                .map(finding -> new MonthlyFinding(finding, FindingStatus.comparedWithLastMonth(review.foundLastMonth())))
                .orElse(null);
    }

    @Override
    public void open(ExecutionContext context) {
        grants = context.getLong(ReviewCounts.GRANTS, 0);
        grantRows = context.getLong(ReviewCounts.GRANT_ROWS, 0);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(ReviewCounts.GRANTS, grants);
        context.putLong(ReviewCounts.GRANT_ROWS, grantRows);
    }
}
