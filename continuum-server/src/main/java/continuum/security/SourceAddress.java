package continuum.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * The key of a source address for the limits and the known addresses: an IPv4 address as
 * it is, an IPv6 address by its /64 network, since one host may use any address of its
 * /64 (privacy addresses) and rotating through them must not escape a limit.
 */
final class SourceAddress {

	static final String UNKNOWN = "unknown";

	private SourceAddress() {
	}

	static String key(@Nullable String remoteAddress) {
		if (remoteAddress == null || remoteAddress.isBlank()) {
			return UNKNOWN;
		}
		if (remoteAddress.indexOf(':') < 0) {
			return remoteAddress;
		}
		try {
			byte[] bytes = InetAddress.getByName(remoteAddress).getAddress();
			if (bytes.length == 4) {
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			StringBuilder network = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return network.append(":/64").toString();
		}
		catch (UnknownHostException notAnAddress) {
			// Only a literal address reaches here (getRemoteAddr); anything else is one
			// key.
			return UNKNOWN;
		}
	}

}
