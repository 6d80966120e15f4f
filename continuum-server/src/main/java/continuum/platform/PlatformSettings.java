package continuum.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the platform, bound once at start from {@code continuum.*}
 * ({@code CONTINUUM_DATA_DIR}, {@code CONTINUUM_DB_URL}, {@code CONTINUUM_DB_USER},
 * {@code CONTINUUM_DB_PASSWORD}, ...).
 */
@Validated
@ConfigurationProperties("continuum")
public record PlatformSettings(@Valid @DefaultValue Data data, @Valid @DefaultValue Db db, @Nullable String command) {

	/** Where Continuum keeps its database, blobs, secrets and logs. */
	public record Data(@NotBlank @DefaultValue("./data") String dir) {
	}

	/**
	 * An external database; empty {@code url} means the embedded PostgreSQL in the data
	 * directory, whose binaries are unpacked into {@code binariesDir} (default:
	 * {@code <data dir>/pgsql}).
	 */
	public record Db(@Nullable String url, @Nullable String user, @Nullable String password,
			@Min(2) @Max(200) @DefaultValue("20") int poolSize, @Nullable String binariesDir) {
	}

}
