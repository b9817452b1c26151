package dev.custos.common.store;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what the MinIO client throws into {@link BlobStoreException}s an operator can act on:
 * which operation on which key failed at which endpoint, why, and the setting to check. The
 * secret key never appears: S3 requests carry only signatures, and as a last guard any occurrence
 * of the secret in a message from the server is masked.
 */
final class S3Failures {

    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
            "AuthorizationHeaderMalformed", "InvalidSecurity");
    private static final String NO_SUCH_BUCKET = "NoSuchBucket";
    private static final String MASK = "****";
    static final int SUBSTRING_MASK_LENGTH = 4;

    private final String endpoint;
    private final String bucket;
    private final String secret;
    private final String trusted;

    /** {@code trusted}: where the certificates trusted for TLS come from, see {@link TrustedCertificates#describe}. */
    S3Failures(String endpoint, String bucket, String secret, String trusted) {
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.secret = secret;
        this.trusted = trusted;
    }

    /**
     * The exception to throw for {@code failure}, which happened while trying to {@code action}
     * (a phrase such as {@code "upload 'reports/a.csv' in bucket 'custos'"}).
     */
    BlobStoreException translate(String action, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BlobStoreException alreadyTranslated) {
            return alreadyTranslated;
        }
        return new BlobStoreException(mask(describe(action, cause)), cause);
    }

    /** Whether {@code failure} is an S3 error response with the given code, e.g. {@code NoSuchKey}. */
    static boolean hasErrorCode(Throwable failure, String code) {
        return unwrap(failure) instanceof ErrorResponseException error
                && code.equals(error.errorResponse().code());
    }

    private String describe(String action, Throwable cause) {
        if (cause instanceof ErrorResponseException error) {
            String code = error.errorResponse().code();
            if (NO_SUCH_BUCKET.equals(code)) {
                return "bucket '" + bucket + "' does not exist at " + endpoint + " (needed to " + action
                        + "); create it, or set custos.s3.create-bucket=true";
            }
            if (CREDENTIAL_ERRORS.contains(code)) {
                return "S3 at " + endpoint + " refused the credentials to " + action + " (" + code
                        + "); check custos.s3.access-key and custos.s3.secret-key";
            }
            return "S3 at " + endpoint + " refused to " + action + ": " + code + ": "
                    + error.errorResponse().message();
        }
        if (cause instanceof ServerException error) {
            return "S3 at " + endpoint + " failed to " + action + ": HTTP status " + error.statusCode();
        }
        if (cause instanceof SSLHandshakeException && isCertificateRefusal(cause)) {
            return "S3 at " + endpoint + " presented a certificate that custos does not trust (trusted: " + trusted
                    + "), so it cannot " + action + "; name the CA that signed the server's certificate in "
                    + TrustedCertificates.CERT_FILE + " (a PEM file) or " + TrustedCertificates.CERT_DIR
                    + " (a directory of them)";
        }
        if (cause instanceof IOException) {
            return "connection to S3 at " + endpoint + " failed while trying to " + action + ": " + cause.getMessage()
                    + " (check custos.s3.endpoint and that the server is up)";
        }
        return "cannot " + action + " at " + endpoint + ": " + cause;
    }

    /**
     * {@code message} with the secret masked. A secret of {@value #SUBSTRING_MASK_LENGTH} characters
     * or more is masked wherever it occurs; a shorter one only as a whole token (not touching a
     * letter or digit), so that a secret {@code b} does not mask the letter inside {@code bucket}.
     */
    String mask(String message) {
        if (secret == null || secret.isEmpty()) {
            return message;
        }
        if (secret.length() >= SUBSTRING_MASK_LENGTH) {
            return message.replace(secret, MASK);
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(secret) + "(?![\\p{L}\\p{N}])").matcher(message)
                .replaceAll(Matcher.quoteReplacement(MASK));
    }

    private static boolean isCertificateRefusal(Throwable handshakeFailure) {
        for (Throwable cause = handshakeFailure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException || cause instanceof CertPathBuilderException
                    || cause instanceof CertPathValidatorException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
