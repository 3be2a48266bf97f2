package org.haven.server.privacy.internal;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import com.google.crypto.tink.Aead;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * An AEAD whose key never leaves AWS KMS, with the semantics of Tink's own AwsKmsAead, so ciphertexts move between
 * the two: associated data travels as the encryption context {@code {"associatedData": hex}}, and Decrypt names the
 * key and refuses an answer from any other. Errors name the key and the KMS's error code, never the data.
 */
final class AwsKmsAead implements Aead {

    private static final String CONTEXT_KEY = "associatedData";

    /**
     * A failure that says nothing about the key: the KMS could not be reached, or answered with a server error or a
     * throttle after the SDK's own retries. Asking again later may succeed; a refusal never will.
     */
    static final class Unavailable extends GeneralSecurityException {

        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    private final KmsClient kms;
    private final String keyArn;

    AwsKmsAead(KmsClient kms, String keyArn) {
        this.kms = kms;
        this.keyArn = keyArn;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        EncryptRequest.Builder request = EncryptRequest.builder().keyId(keyArn)
                .plaintext(SdkBytes.fromByteArray(plaintext));
        if (associatedData != null && associatedData.length > 0) {
            request.encryptionContext(context(associatedData));
        }
        try {
            return kms.encrypt(request.build()).ciphertextBlob().asByteArray();
        } catch (SdkException e) {
            throw failure("Encrypt", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        DecryptRequest.Builder request = DecryptRequest.builder().keyId(keyArn)
                .ciphertextBlob(SdkBytes.fromByteArray(ciphertext));
        if (associatedData != null && associatedData.length > 0) {
            request.encryptionContext(context(associatedData));
        }
        DecryptResponse response;
        try {
            response = kms.decrypt(request.build());
        } catch (SdkException e) {
            throw failure("Decrypt", e);
        }
        // A ciphertext under another key we may also use must not pass for one under ours. An alias names no key,
        // so only KMS's own check (the KeyId in the request) applies to it.
        if (isKeyArn(keyArn) && !keyArn.equals(response.keyId())) {
            throw new GeneralSecurityException("AWS KMS decrypted with key " + response.keyId() + " when asked for "
                    + keyArn + "; the result is refused");
        }
        return response.plaintext().asByteArray();
    }

    private static Map<String, String> context(byte[] associatedData) {
        return Map.of(CONTEXT_KEY, HexFormat.of().formatHex(associatedData));
    }

    private static boolean isKeyArn(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && parts[5].startsWith("key/");
    }

    private GeneralSecurityException failure(String operation, SdkException e) {
        String message;
        if (e instanceof NotFoundException) {
            message = "AWS KMS has no key " + keyArn;
        } else if (e instanceof InvalidCiphertextException) {
            message = "AWS KMS could not decrypt with key " + keyArn
                    + ": the ciphertext or its associated data does not match";
        } else if (e instanceof IncorrectKeyException) {
            message = "AWS KMS says the ciphertext was not made with key " + keyArn;
        } else if (e instanceof KmsException kmsError) {
            String code = kmsError.awsErrorDetails() == null ? null : kmsError.awsErrorDetails().errorCode();
            message = "AWS KMS refused " + operation + " with key " + keyArn + ": " + code + " (HTTP "
                    + kmsError.statusCode() + ")";
            if ("AccessDeniedException".equals(code)) {
                message += "; the server's identity needs kms:Encrypt and kms:Decrypt on the key";
            }
            if (kmsError.statusCode() >= 500 || kmsError.isThrottlingException()) {
                return new Unavailable(message);
            }
        } else if (e instanceof SdkClientException) {
            return new Unavailable("could not reach AWS KMS for " + operation + " with key " + keyArn + ": "
                    + e.getMessage());
        } else {
            message = "AWS KMS " + operation + " with key " + keyArn + " failed: " + e.getClass().getSimpleName();
        }
        // The SDK's exception is not kept as the cause: only the message above is known to hold no data.
        return new GeneralSecurityException(message);
    }
}
