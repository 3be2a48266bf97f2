package org.haven.server.storage;

import org.haven.server.config.BlobBackend;
import org.haven.server.config.DataDirectory;
import org.haven.server.config.HavenSettings;
import org.haven.storage.BlobStore;
import org.haven.storage.filesystem.FilesystemBlobStore;
import org.haven.storage.s3.S3BlobStore;
import org.haven.storage.s3.S3Settings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean(destroyMethod = "close")
    BlobStore blobStore(HavenSettings settings, DataDirectory dataDirectory) {
        if (settings.blob() == BlobBackend.S3) {
            return S3BlobStore.create(s3Settings(settings.s3()));
        }
        return FilesystemBlobStore.open(dataDirectory.root().resolve("blobs"));
    }

    private static S3Settings s3Settings(HavenSettings.S3 s3) {
        if (s3.bucket() == null || s3.bucket().isBlank()) {
            throw new IllegalStateException("HAVEN_BLOB=s3 needs HAVEN_S3_BUCKET");
        }
        S3Settings settings = S3Settings.forBucket(s3.bucket(), s3.region()).withPathStyle(s3.pathStyle());
        if (s3.endpoint() != null && !s3.endpoint().toString().isBlank()) {
            settings = settings.withEndpoint(s3.endpoint());
        }
        if (s3.accessKey() != null && !s3.accessKey().isBlank()) {
            settings = settings.withCredentials(s3.accessKey(), s3.secretKey());
        }
        return settings;
    }
}
