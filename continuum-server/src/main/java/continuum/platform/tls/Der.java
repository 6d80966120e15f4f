package continuum.platform.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few DER encodings (ITU-T X.690 §8, §10) an X.509 certificate (RFC 5280 §4.1) needs:
 * tag, length, contents.
 */
final class Der {

	private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

	private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

	private Der() {
	}

	static byte[] sequence(byte[]... parts) {
		return element(0x30, concat(parts));
	}

	static byte[] set(byte[]... parts) {
		return element(0x31, concat(parts));
	}

	static byte[] integer(BigInteger value) {
		return element(0x02, value.toByteArray());
	}

	static byte[] bool(boolean value) {
		return element(0x01, new byte[] { (byte) (value ? 0xFF : 0x00) });
	}

	static byte[] octetString(byte[] value) {
		return element(0x04, value);
	}

	/** A BIT STRING whose last {@code unusedBits} bits are padding (X.690 §8.6). */
	static byte[] bitString(byte[] value, int unusedBits) {
		byte[] contents = new byte[value.length + 1];
		contents[0] = (byte) unusedBits;
		System.arraycopy(value, 0, contents, 1, value.length);
		return element(0x03, contents);
	}

	static byte[] utf8String(String value) {
		return element(0x0C, value.getBytes(StandardCharsets.UTF_8));
	}

	/** An OBJECT IDENTIFIER in dotted form (X.690 §8.19). */
	static byte[] oid(String dotted) {
		String[] arcs = dotted.split("\\.");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
		for (int i = 2; i < arcs.length; i++) {
			base128(out, Long.parseLong(arcs[i]));
		}
		return element(0x06, out.toByteArray());
	}

	/**
	 * A certificate's time: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280
	 * §4.1.2.5), in seconds.
	 */
	static byte[] time(ZonedDateTime time) {
		ZonedDateTime utc = time.withZoneSameInstant(ZoneOffset.UTC);
		return utc.getYear() < 2050 ? element(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII))
				: element(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
	}

	/** A context-specific EXPLICIT tag [n] around an encoded element. */
	static byte[] explicit(int number, byte[] encoded) {
		return element(0xA0 | number, encoded);
	}

	/** A context-specific IMPLICIT primitive tag [n] on these contents. */
	static byte[] implicit(int number, byte[] contents) {
		return element(0x80 | number, contents);
	}

	static byte[] element(int tag, byte[] contents) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
		out.write(tag);
		int length = contents.length;
		if (length < 0x80) {
			out.write(length);
		}
		else {
			byte[] bytes = BigInteger.valueOf(length).toByteArray();
			int skip = bytes[0] == 0 ? 1 : 0;
			out.write(0x80 | (bytes.length - skip));
			out.write(bytes, skip, bytes.length - skip);
		}
		out.writeBytes(contents);
		return out.toByteArray();
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static void base128(ByteArrayOutputStream out, long value) {
		int groups = 1;
		for (long rest = value >>> 7; rest != 0; rest >>>= 7) {
			groups++;
		}
		for (int group = groups - 1; group >= 0; group--) {
			int bits = (int) ((value >>> (7 * group)) & 0x7F);
			out.write(group == 0 ? bits : bits | 0x80);
		}
	}

}
