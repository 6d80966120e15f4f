package continuum.platform.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP address or a CIDR range of them ({@code 10.0.0.0/8}, {@code 192.0.2.7},
 * {@code fd00::/8}). Literals only: a host name is refused, never looked up.
 */
record AddressRange(byte[] network, int prefix) {

	static AddressRange parse(String text) {
		int slash = text.indexOf('/');
		String address = slash < 0 ? text : text.substring(0, slash);
		if (!LocalCertificates.isAddress(address)) {
			throw new IllegalArgumentException("Trusted proxy '" + text
					+ "' is not an IP address or CIDR range (CONTINUUM_TRUSTED_PROXIES takes addresses, not names)");
		}
		byte[] bytes;
		try {
			bytes = InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("Trusted proxy '" + text + "' is not a valid IP address", ex);
		}
		int prefix = bytes.length * 8;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException("Trusted proxy '" + text + "' has an invalid prefix length");
			}
		}
		return new AddressRange(bytes, prefix);
	}

	/**
	 * Whether this literal address (as a request's remote address gives it) is in range.
	 */
	boolean contains(String address) {
		if (!LocalCertificates.isAddress(address)) {
			return false;
		}
		byte[] candidate;
		try {
			candidate = InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
		if (candidate.length != network.length) {
			return false;
		}
		for (int bit = 0; bit < prefix; bit++) {
			int mask = 0x80 >>> (bit % 8);
			if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

}
