package continuum.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The local addresses TCP sockets listen on for a port, as the Linux kernel lists them
 * ({@code /proc/net/tcp} and {@code tcp6}: local address and port in hex, state
 * {@code 0A} for LISTEN): what a server really bound, not what it says it bound.
 */
final class ListeningSockets {

	private ListeningSockets() {
	}

	static List<String> addresses(int port) throws IOException {
		List<String> addresses = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.exists(path)) {
				continue;
			}
			for (String line : Files.readAllLines(path)) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length < 4 || !fields[3].equals("0A") || !fields[1].contains(":")) {
					continue;
				}
				String[] local = fields[1].split(":");
				if (Integer.parseInt(local[1], 16) == port) {
					addresses.add(address(local[0]));
				}
			}
		}
		return addresses;
	}

	/**
	 * An address as the kernel prints it: 32-bit words in the host's (little-endian)
	 * order.
	 */
	private static String address(String hex) {
		if (hex.length() == 8) {
			return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
					+ Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
		}
		if (hex.startsWith("0000000000000000FFFF0000")) {
			// An IPv4 address on a dual-stack socket (::ffff:a.b.c.d), as Java binds one.
			return address(hex.substring(24));
		}
		return hex.equals("00000000000000000000000000000000") ? "::" : hex;
	}

}
