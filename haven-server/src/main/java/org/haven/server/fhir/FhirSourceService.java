package org.haven.server.fhir;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.fhir.FhirAuth;
import org.haven.fhir.FhirSourceSettings;
import org.haven.server.audit.AuditResource;
import org.haven.server.audit.AuditTrail;
import org.haven.server.audit.Decision;
import org.haven.server.errors.ErrorCode;
import org.haven.server.errors.HavenException;
import org.haven.server.fhir.internal.SealedCredentials;
import org.haven.server.fhir.internal.SourceSettingsReader;
import org.haven.server.identity.Actors;
import org.haven.server.ingest.DataSource;
import org.haven.server.ingest.DataSourceService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * FHIR sources: a data source of kind {@code fhir} plus its connection settings. The data source row, its owner
 * relationship, the settings and the audit event are written in one transaction. Secrets are sealed before they
 * are stored and leave this class only inside {@link #settings(UUID)}, for the crawl.
 */
@Service
public class FhirSourceService {

    private static final String COLUMNS = "s.id, s.tenant_id, s.name, s.description, s.created_by, s.created_at, "
            + "f.base_url, f.auth_type, f.auth_username, f.auth_token_url, f.auth_client_id, f.auth_scope, "
            + "f.sealed_credentials, f.page_size, f.concurrency, f.requests_per_second, f.connect_timeout_millis, "
            + "f.read_timeout_millis, f.max_attempts, f.mode";
    private static final String FROM = " FROM data_sources s JOIN fhir_sources f ON f.tenant_id = s.tenant_id AND f.source_id = s.id ";

    private final JdbcClient jdbc;
    private final DataSourceService sources;
    private final SealedCredentials credentials;
    private final AuditTrail audit;

    FhirSourceService(JdbcClient jdbc, DataSourceService sources, SealedCredentials credentials, AuditTrail audit) {
        this.jdbc = jdbc;
        this.sources = sources;
        this.credentials = credentials;
        this.audit = audit;
    }

    @Transactional
    public FhirSource create(UUID tenantId, NewFhirSource request) {
        FhirSourceSettings settings = SourceSettingsReader.read(request);
        DataSource source = sources.create(tenantId, request.name(), request.description(), "fhir");
        FhirAuth auth = settings.auth();
        Map<String, String> secrets = new LinkedHashMap<>();
        String username = null;
        String tokenUrl = null;
        String clientId = null;
        String scope = null;
        if (auth instanceof FhirAuth.Basic basic) {
            username = basic.username();
            secrets.put("password", basic.password());
        } else if (auth instanceof FhirAuth.Bearer bearer) {
            secrets.put("token", bearer.token());
        } else if (auth instanceof FhirAuth.ClientCredentials client) {
            tokenUrl = client.tokenUrl().toString();
            clientId = client.clientId();
            scope = client.scope();
            secrets.put("client_secret", client.clientSecret());
        }
        jdbc.sql("INSERT INTO fhir_sources (tenant_id, source_id, base_url, auth_type, auth_username, auth_token_url, "
                        + "auth_client_id, auth_scope, sealed_credentials, page_size, concurrency, requests_per_second, "
                        + "connect_timeout_millis, read_timeout_millis, max_attempts, mode) VALUES (:tenant, :id, "
                        + ":baseUrl, :authType, :username, :tokenUrl, :clientId, :scope, :sealed, :pageSize, "
                        + ":concurrency, :rate, :connect, :read, :attempts, :mode)")
                .param("tenant", tenantId).param("id", source.id()).param("baseUrl", settings.baseUrl().toString())
                .param("authType", authType(auth)).param("username", username).param("tokenUrl", tokenUrl)
                .param("clientId", clientId).param("scope", scope)
                .param("sealed", credentials.seal(tenantId, source.id(), secrets))
                .param("pageSize", settings.pageSize()).param("concurrency", settings.concurrency())
                .param("rate", settings.requestsPerSecond())
                .param("connect", settings.connectTimeout().toMillis()).param("read", settings.readTimeout().toMillis())
                .param("attempts", settings.maxAttempts())
                .param("mode", SourceSettingsReader.mode(request))
                .update();
        // The event names the server and the method, never a credential.
        audit.record(Actors.current(), "fhir_source.create", resource(source.id()), Decision.SUCCEEDED, null,
                Map.of("tenant_id", tenantId.toString(), "base_url", settings.baseUrl().toString(),
                        "auth_type", authType(auth), "mode", SourceSettingsReader.mode(request)));
        return get(source.id());
    }

    public FhirSource get(UUID sourceId) {
        return stored(sourceId).source();
    }

    /** The tenant's FHIR sources among {@code visibleIds}, in id order. */
    public List<FhirSource> list(UUID tenantId, List<String> visibleIds) {
        UUID[] ids = visibleIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        return jdbc.sql("SELECT " + COLUMNS + FROM + "WHERE s.tenant_id = :tenant AND s.id = ANY(:ids)")
                .param("tenant", tenantId).param("ids", ids)
                .query((rs, row) -> row(rs).source()).list().stream()
                .sorted(Comparator.comparing(source -> source.id().toString())).toList();
    }

    /** Removes the source, its settings and every grant on it; its published datasets stay. */
    @Transactional
    public void delete(UUID sourceId) {
        FhirSource source = get(sourceId);
        sources.delete(sourceId);
        audit.record(Actors.current(), "fhir_source.delete", resource(sourceId), Decision.SUCCEEDED, null,
                Map.of("tenant_id", source.tenantId().toString()));
    }

    /**
     * The settings with their secrets opened, for a crawl or export of this source ({@link FhirSource#mode()} says
     * which); never for an answer or a log.
     */
    public FhirSourceSettings settings(UUID sourceId) {
        Stored stored = stored(sourceId);
        FhirSource source = stored.source();
        Map<String, String> secrets = credentials.open(source.tenantId(), sourceId, stored.sealed());
        FhirAuth auth = switch (source.auth().type()) {
            case "basic" -> FhirAuth.basic(source.auth().username(), secrets.get("password"));
            case "bearer" -> FhirAuth.bearer(secrets.get("token"));
            case "client_credentials" -> FhirAuth.clientCredentials(URI.create(source.auth().tokenUrl()),
                    source.auth().clientId(), secrets.get("client_secret"), source.auth().scope());
            default -> FhirAuth.none();
        };
        FhirSourceSettings defaults = FhirSourceSettings.of(URI.create(source.baseUrl()), auth);
        return new FhirSourceSettings(defaults.baseUrl(), auth, source.pageSize(), source.concurrency(),
                source.requestsPerSecond(), Duration.ofMillis(Math.round(source.connectTimeoutSeconds() * 1000)),
                Duration.ofMillis(Math.round(source.readTimeoutSeconds() * 1000)), source.maxAttempts(),
                defaults.initialBackoff(), defaults.maxBackoff());
    }

    private record Stored(FhirSource source, byte[] sealed) {}

    private Stored stored(UUID sourceId) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + "WHERE s.id = :id").param("id", sourceId)
                .query((rs, row) -> row(rs)).optional()
                .orElseThrow(() -> new HavenException(ErrorCode.NOT_FOUND, "No such FHIR source"));
    }

    private static Stored row(ResultSet rs) throws SQLException {
        FhirSource source = new FhirSource(rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
                rs.getString("name"), rs.getString("description"), rs.getString("base_url"),
                new FhirSource.Auth(rs.getString("auth_type"), rs.getString("auth_username"),
                        rs.getString("auth_token_url"), rs.getString("auth_client_id"), rs.getString("auth_scope")),
                rs.getInt("page_size"), rs.getInt("concurrency"), rs.getDouble("requests_per_second"),
                rs.getLong("connect_timeout_millis") / 1000.0, rs.getLong("read_timeout_millis") / 1000.0,
                rs.getInt("max_attempts"), rs.getString("mode"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
        return new Stored(source, rs.getBytes("sealed_credentials"));
    }

    private static String authType(FhirAuth auth) {
        if (auth instanceof FhirAuth.Basic) {
            return "basic";
        } else if (auth instanceof FhirAuth.Bearer) {
            return "bearer";
        } else if (auth instanceof FhirAuth.ClientCredentials) {
            return "client_credentials";
        }
        return "none";
    }

    static AuditResource resource(UUID sourceId) {
        return new AuditResource("data_source", sourceId.toString());
    }
}
