package dev.custos.scheduler.cli;

import dev.custos.common.CustosException;

/** Finds the operator's message in an exception chain (Spring wraps what a bean threw). */
final class Failures {

    private Failures() {
    }

    static CustosException operatorError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CustosException custos) {
                return custos;
            }
        }
        return null;
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
