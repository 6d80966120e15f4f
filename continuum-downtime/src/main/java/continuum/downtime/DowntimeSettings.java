package continuum.downtime;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * The node's configuration. Each property is named so that its documented environment
 * variable binds: {@code CONTINUUM_DOWNTIME_SERVER}, {@code CONTINUUM_DOWNTIME_PORT},
 * {@code CONTINUUM_DOWNTIME_DATA_DIR} ({@code data.dir}),
 * {@code CONTINUUM_DOWNTIME_KEY_FILE} ({@code key.file}),
 * {@code CONTINUUM_DOWNTIME_USERNAME}, {@code CONTINUUM_DOWNTIME_PASSWORD},
 * {@code CONTINUUM_DOWNTIME_PASSWORDFILE} ({@code password-file}),
 * {@code CONTINUUM_DOWNTIME_PUBLIC_URL} ({@code public.url}),
 * {@code CONTINUUM_DOWNTIME_SYNC_INTERVAL}, {@code CONTINUUM_DOWNTIME_REPORTS_INTERVAL},
 * {@code CONTINUUM_DOWNTIME_SERVERCA} ({@code server-ca}: the PEM certificates the node
 * trusts for the server's HTTPS, e.g. the server's local CA {@code <data>/tls/ca.crt};
 * none: the JDK's trusted certificates), {@code CONTINUUM_DOWNTIME_LISTEN_ADDRESS}
 * ({@code listen.address}).
 */
@Validated
@ConfigurationProperties("continuum.downtime")
public record DowntimeSettings(@DefaultValue("https://localhost:8443") @NotNull URI server, @Nullable Path serverCa,
		@DefaultValue("8090") @Positive int port, @DefaultValue @NotNull Data data, @DefaultValue @NotNull Key key,
		@DefaultValue("interface") String username, @Nullable String password, @Nullable Path passwordFile,
		@DefaultValue @NotNull @Name("public") Public publicAddress, @DefaultValue @NotNull Sync sync,
		@DefaultValue @NotNull Reports reports, @DefaultValue @NotNull Registration registration,
		@DefaultValue @NotNull Listen listen) {

	/**
	 * The address the viewer listens on; none set: loopback only while the store holds
	 * demo accounts, every interface otherwise ({@code viewer.ListenAddress}).
	 */
	public record Listen(@Nullable String address) {
	}

	/** The data directory: store, node id, reports. */
	public record Data(@DefaultValue("./data-downtime") Path dir) {
	}

	/**
	 * The file holding the store's encryption key; by default outside the data directory,
	 * so that a copy of the data directory alone cannot be read.
	 */
	public record Key(@Nullable Path file) {

		public Path fileOrDefault() {
			return file != null ? file
					: Path.of(System.getProperty("user.home"), ".config", "continuum-downtime", "store.key");
		}
	}

	/** The URL the server reaches this node at (for its probes); by default localhost. */
	public record Public(@Nullable URI url) {
	}

	/** How often the feed is polled, and how many changes are asked for at once. */
	public record Sync(@DefaultValue("2s") Duration interval, @DefaultValue("1000") @Positive int batch,
			@DefaultValue("10s") Duration timeout) {
	}

	/**
	 * How often the printable downtime reports are written, and the first time after
	 * start.
	 */
	public record Reports(@DefaultValue("15m") Duration interval, @DefaultValue("30s") Duration first) {
	}

	/** How often the node registers with the server and ships its audit entries. */
	public record Registration(@DefaultValue("5m") Duration interval, @DefaultValue("10s") Duration audit) {
	}

	/**
	 * Whether the node signs in with a password (configured) rather than with its own key
	 * as a system client (none configured).
	 */
	public boolean hasPassword() {
		return password != null && !password.isEmpty() || passwordFile != null;
	}

	/** The server password: the variable, or else the first line of the password file. */
	public String serverPassword() {
		if (password != null && !password.isEmpty()) {
			return password;
		}
		if (passwordFile != null) {
			try {
				return Files.readAllLines(passwordFile).get(0).trim();
			}
			catch (java.io.IOException | IndexOutOfBoundsException unreadable) {
				throw new IllegalStateException("The password file " + passwordFile + " cannot be read", unreadable);
			}
		}
		throw new IllegalStateException(
				"No server password: set CONTINUUM_DOWNTIME_PASSWORD or CONTINUUM_DOWNTIME_PASSWORDFILE");
	}

	public URI publicUrl() {
		return publicAddress.url() != null ? publicAddress.url() : URI.create("http://localhost:" + port);
	}

}
