package dev.custos.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class BlobStoreConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(BlobStoreConfiguration.class);

    @Test
    void withoutEndpointTheStoreIsTheLocalDirectory() {
        context.run(app -> {
            assertThat(app).hasSingleBean(BlobStore.class);
            assertThat(app.getBean(BlobStore.class)).isInstanceOf(LocalDirBlobStore.class);
            assertThat(app.getBean(BlobStore.class).describe())
                    .isEqualTo("dir " + Path.of("custos-store").toAbsolutePath());
        });
    }

    @Test
    void storeDirChoosesTheDirectory() {
        context.withPropertyValues("custos.store.dir=/var/lib/custos/store").run(app ->
                assertThat(app.getBean(BlobStore.class).describe()).isEqualTo("dir /var/lib/custos/store"));
    }

    @Test
    void blankEndpointMeansTheLocalDirectory() {
        context.withPropertyValues("custos.s3.endpoint= ").run(app ->
                assertThat(app.getBean(BlobStore.class)).isInstanceOf(LocalDirBlobStore.class));
    }

    @Test
    void endpointChoosesS3WithoutReachingIt() {
        context.withPropertyValues(
                        "custos.s3.endpoint=http://127.0.0.1:1",
                        "custos.s3.access-key=custos-test",
                        "custos.s3.secret-key=do-not-show")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    assertThat(app.getBean(BlobStore.class)).isInstanceOf(S3BlobStore.class);
                    assertThat(app.getBean(BlobStore.class).describe()).isEqualTo("s3://custos at http://127.0.0.1:1");
                });
    }

    @Test
    void s3SettingsHaveSensibleDefaults() {
        context.run(app -> {
            S3Properties s3 = app.getBean(S3Properties.class);
            assertThat(s3.hasEndpoint()).isFalse();
            assertThat(s3.bucket()).isEqualTo("custos");
            assertThat(s3.region()).isEqualTo("us-east-1");
            assertThat(s3.partSize()).isEqualTo(DataSize.ofMegabytes(16));
            assertThat(s3.createBucket()).isTrue();
        });
    }

    @Test
    void partSizeBelowFiveMegabytesStopsTheStart() {
        context.withPropertyValues(
                        "custos.s3.endpoint=http://127.0.0.1:1",
                        "custos.s3.access-key=custos-test",
                        "custos.s3.secret-key=do-not-show",
                        "custos.s3.part-size=1MB")
                .run(app -> assertThat(app).getFailure().rootCause()
                        .hasMessageContaining("custos.s3.part-size")
                        .hasMessageNotContaining("do-not-show"));
    }

    @Test
    void s3SettingsShowNoCredentials() {
        S3Properties s3 = new S3Properties("http://127.0.0.1:9000", "custos", "AKIAEXAMPLEACCESS",
                "wJalrXUtnFEMI-secret", "us-east-1", DataSize.ofMegabytes(16), true);

        assertThat(s3.toString())
                .contains("http://127.0.0.1:9000", "custos", "****")
                .doesNotContain("AKIAEXAMPLEACCESS", "wJalrXUtnFEMI-secret");
    }
}
