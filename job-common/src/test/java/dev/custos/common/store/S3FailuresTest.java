package dev.custos.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class S3FailuresTest {

    private static final String ENDPOINT = "http://127.0.0.1:1";
    private static final String TRUSTED = "the JDK's trust store";

    @Test
    void aOneLetterSecretDoesNotMaskThatLetterInsideWords() {
        S3Failures failures = new S3Failures(ENDPOINT, "custos", "b", TRUSTED);

        BlobStoreException failure = failures.translate("list 'backups/' in bucket 'custos'",
                new IOException("refused"));

        assertThat(failure.getMessage()).contains("bucket 'custos'", "backups/").doesNotContain("****");
    }

    @Test
    void theSecretIsMaskedWhereverItStandsAsAWholeToken() {
        String secret = "wJalrXUtnFEMI/K7MDENG";
        S3Failures failures = new S3Failures(ENDPOINT, "custos", secret, TRUSTED);

        BlobStoreException failure = failures.translate("read 'a.csv' in bucket 'custos'",
                new IOException("server said: bad key " + secret + ", key='" + secret + "'"));

        assertThat(failure.getMessage()).doesNotContain(secret).contains("bad key ****, key='****'");
    }

    @Test
    void aShortSecretIsMaskedOnlyAsAWholeToken() {
        S3Failures failures = new S3Failures(ENDPOINT, "custos", "key", TRUSTED);

        assertThat(failures.mask("keyset key monkey key.")).isEqualTo("keyset **** monkey ****.");
    }

    @Test
    void aSecretOfFourCharactersOrMoreIsMaskedEvenInsideAWord() {
        S3Failures failures = new S3Failures(ENDPOINT, "custos", "s3cr", TRUSTED);

        assertThat(failures.mask("xs3cry and s3cr")).isEqualTo("x****y and ****");
    }
}
