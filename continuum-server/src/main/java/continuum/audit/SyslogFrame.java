package continuum.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One syslog message (RFC 5424) framed for TLS transport by octet counting (RFC 5425
 * §4.3: {@code MSG-LEN SP SYSLOG-MSG}). Facility 10 (security/authorization), severity 5
 * (notice): PRI 85, as IHE ATNA's audit messages go. The structured data names the
 * message's chain position under a private SD-ID ({@code continuum@32473}; 32473 is the
 * enterprise number RFC 5612 sets aside for documentation), so a repository can tell a
 * message sent again after a lost connection from a new one. The MSG is UTF-8 with its
 * byte order mark, as RFC 5424 §6.4 asks for UTF-8 text.
 */
final class SyslogFrame {

	static final int PRI = 10 * 8 + 5;

	static final String APP_NAME = "continuum";

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private SyslogFrame() {
	}

	/**
	 * The framed bytes of a message with this MSGID ({@code IHE+RFC-3881} for ATNA
	 * messages) about chain position {@code position}.
	 */
	static byte[] of(Instant at, String host, String msgId, long position, String message) {
		String header = "<" + PRI + ">1 " + DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MICROS))
				+ " " + printable(host, 255) + " " + APP_NAME + " - " + msgId + " [continuum@32473 position=\""
				+ position + "\"] ";
		byte[] head = header.getBytes(StandardCharsets.US_ASCII);
		byte[] body = message.getBytes(StandardCharsets.UTF_8);
		int length = head.length + BOM.length + body.length;
		byte[] prefix = (length + " ").getBytes(StandardCharsets.US_ASCII);
		byte[] frame = new byte[prefix.length + length];
		System.arraycopy(prefix, 0, frame, 0, prefix.length);
		System.arraycopy(head, 0, frame, prefix.length, head.length);
		System.arraycopy(BOM, 0, frame, prefix.length + head.length, BOM.length);
		System.arraycopy(body, 0, frame, prefix.length + head.length + BOM.length, body.length);
		return frame;
	}

	/**
	 * A header field: printable US-ASCII without spaces, at most {@code max}; else "-".
	 */
	private static String printable(String value, int max) {
		String kept = value.length() > max ? value.substring(0, max) : value;
		return kept.isEmpty() || !kept.matches("[\\x21-\\x7E]+") ? "-" : kept;
	}

}
