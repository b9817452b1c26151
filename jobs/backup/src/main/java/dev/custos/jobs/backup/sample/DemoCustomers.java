package dev.custos.jobs.backup.sample;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer data the demo's backups protect: a {@code crm} schema in the demo's own database
 * with customers and their contracts, created once and grown by a few customers a day, so that
 * each daily backup holds a little more than the one before.
 */
@Component
class DemoCustomers {

    private static final String CREATE_SCHEMA = "CREATE SCHEMA IF NOT EXISTS crm";
    private static final String CREATE_CUSTOMER = """
            CREATE TABLE IF NOT EXISTS crm.customer (
                customer_id BIGINT       NOT NULL PRIMARY KEY,
                full_name   VARCHAR(200) NOT NULL,
                email       VARCHAR(200) NOT NULL,
                country     CHAR(2)      NOT NULL,
                since       DATE         NOT NULL,
                notes       VARCHAR(500) NULL
            )""";
    private static final String CREATE_CONTRACT = """
            CREATE TABLE IF NOT EXISTS crm.contract (
                contract_id BIGINT        NOT NULL PRIMARY KEY,
                customer_id BIGINT        NOT NULL,
                product     VARCHAR(100)  NOT NULL,
                monthly_fee DECIMAL(10,2) NOT NULL,
                signed_on   DATE          NOT NULL
            )""";
    private static final String COUNT_CUSTOMERS = "SELECT COUNT(*) FROM crm.customer";
    private static final String INSERT_CUSTOMER =
            "INSERT INTO crm.customer (customer_id, full_name, email, country, since, notes) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CONTRACT =
            "INSERT INTO crm.contract (contract_id, customer_id, product, monthly_fee, signed_on) VALUES (?, ?, ?, ?, ?)";

    private static final String[] FIRST = {"Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana"};
    private static final String[] LAST = {"Keller", "Rossi", "Novak", "Silva", "Yilmaz", "Haddad", "Larsen", "Sato"};
    private static final String[] COUNTRIES = {"DE", "IT", "CZ", "PT", "TR", "FR", "NO", "JP"};
    private static final String[] PRODUCTS = {"Current account", "Savings", "Credit card", "Mortgage", "Insurance"};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DemoCustomers(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Makes sure the tables exist and hold at least {@code customers} customers as of {@code day}. */
    void growTo(int customers, LocalDate day) {
        transactions.executeWithoutResult(status -> {
            jdbc.execute(CREATE_SCHEMA);
            jdbc.execute(CREATE_CUSTOMER);
            jdbc.execute(CREATE_CONTRACT);
            long existing = jdbc.queryForObject(COUNT_CUSTOMERS, Long.class);
            Random random = new Random(existing * 31 + customers);
            List<Object[]> customerRows = new ArrayList<>();
            List<Object[]> contractRows = new ArrayList<>();
            for (long id = existing + 1; id <= customers; id++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                customerRows.add(new Object[] {id, first + " " + last,
                        (first + "." + last + id + "@example.com").toLowerCase(), COUNTRIES[random.nextInt(COUNTRIES.length)],
                        day.minusDays(random.nextInt(3_000)), random.nextInt(5) == 0 ? "prefers\tpost; \"no calls\"" : null});
                for (int c = 0; c < 1 + random.nextInt(3); c++) {
                    contractRows.add(new Object[] {id * 10 + c, id, PRODUCTS[random.nextInt(PRODUCTS.length)],
                            new BigDecimal(random.nextInt(20_000)).movePointLeft(2), day.minusDays(random.nextInt(1_000))});
                }
            }
            jdbc.batchUpdate(INSERT_CUSTOMER, customerRows);
            jdbc.batchUpdate(INSERT_CONTRACT, contractRows);
        });
    }
}
