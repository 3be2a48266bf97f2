package org.haven.server.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI havenOpenApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "development" : build.getIfAvailable().getVersion();
        return new OpenAPI().info(new Info()
                .title("Haven API")
                .version(version)
                .description("""
                        Haven keeps sensitive data under control: schemas, de-identification, immutable versions, \
                        and access only as far as relationships, approved purposes and allowed result types say. \
                        Every error is an RFC 9457 problem document (application/problem+json) with a stable `code`.""")
                .license(new License().name("Apache-2.0")));
    }
}
