package org.continuum.dicom.tool;

import java.time.Duration;
import java.util.Set;
import org.continuum.dicom.net.AssociationSettings;

/**
 * Options shared by the SCU tools: --aet, --call, --host, --port, --max-pdu, --timeout.
 */
final class Network {

	static final Set<String> OPTIONS = Set.of("aet", "call", "host", "port", "max-pdu", "timeout", "tls",
			"tls-password", "tls-password-file", "tls-trust", "tls-trust-password");
	static final String HELP = """
			  --aet AE           my AE title (default CONTINUUM)
			  --call AE          the peer's AE title (default ANY-SCP)
			  --host HOST        the peer's host (default 127.0.0.1)
			  --port PORT        the peer's port (required)
			  --max-pdu N        maximum PDU length I receive (default 65536)
			  --timeout SECONDS  ARTIM and idle timeout (default 30)
			""" + TlsOptions.HELP;

	private Network() {
	}

	/** A command's own flags and the TLS flags. */
	static Set<String> flags(String... own) {
		Set<String> flags = new java.util.HashSet<>(TlsOptions.FLAGS);
		flags.addAll(Set.of(own));
		return flags;
	}

	static AssociationSettings settings(Options o) throws UsageException, java.io.IOException {
		int timeout = o.getInt("timeout", 30);
		return AssociationSettings.defaults(o.get("aet", "CONTINUUM"))
			.withMaxPduLength(o.getInt("max-pdu", 65536))
			.withTimeouts(Duration.ofSeconds(timeout), Duration.ofSeconds(timeout))
			.withTls(TlsOptions.context(o, true));
	}

}
