package continuum.imaging;

import java.util.regex.Pattern;

import continuum.platform.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * A known DICOM application entity (table {@code dicom_peer}): where it listens, whether
 * over TLS, and what it may ask of the server's AE. {@code retrieve} covers C-MOVE and
 * C-GET; {@code moveDestination} lets C-MOVE send to it.
 */
public record DicomPeer(String aeTitle, String host, int port, boolean tls, boolean store, boolean find,
		boolean retrieve, boolean worklist, boolean mpps, boolean commit, boolean moveDestination,
		@Nullable String description) {

	private static final Pattern AE_TITLE = Pattern.compile("[\\x20-\\x5B\\x5D-\\x7E]{1,16}");

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]]{1,253}");

	public DicomPeer {
		if (aeTitle == null || !AE_TITLE.matcher(aeTitle).matches() || !aeTitle.strip().equals(aeTitle)) {
			throw new InvalidInputException("An AE title has 1 to 16 characters, no backslash, no control characters "
					+ "and no leading or trailing space");
		}
		if (host == null || !HOST.matcher(host).matches()) {
			throw new InvalidInputException("The host is a name or an IP address");
		}
		if (port < 1 || port > 65535) {
			throw new InvalidInputException("The port is between 1 and 65535");
		}
		if (description != null && description.length() > 64) {
			throw new InvalidInputException("The description has at most 64 characters");
		}
	}

	/** What a peer may ask (PS3.4 service classes), checked per DIMSE request. */
	public enum Operation {

		STORE, FIND, RETRIEVE, WORKLIST, MPPS, COMMIT

	}

	public boolean may(Operation operation) {
		return switch (operation) {
			case STORE -> store;
			case FIND -> find;
			case RETRIEVE -> retrieve;
			case WORKLIST -> worklist;
			case MPPS -> mpps;
			case COMMIT -> commit;
		};
	}

}
