package dev.custos.common.results;

import java.util.regex.Pattern;

import dev.custos.common.CustosException;

/**
 * The name of the results schema and the one place it enters SQL text. A schema name cannot be
 * a bind parameter, so it is checked against a strict identifier pattern instead; values are
 * always bound as parameters.
 */
public final class ResultsSchema {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final String name;

    public ResultsSchema(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new CustosException("custos.results.schema must be a plain identifier (letters, digits, _), found '" + name + "'");
        }
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Replaces every {@code {results}} in the template by the schema name. */
    public String sql(String template) {
        return template.replace("{results}", name);
    }

    /** {@code schema.table} for a table name that is itself a checked identifier. */
    public String table(String table) {
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        return name + "." + table;
    }
}
