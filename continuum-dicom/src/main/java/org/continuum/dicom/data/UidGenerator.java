package org.continuum.dicom.data;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates UIDs (PS3.5 §9): under the ISO-registered UUID arc {@code 2.25} by default
 * (PS3.5 §B.2), or under an organisation's own root followed by a random 96-bit number,
 * always within the 64-character limit.
 */
public final class UidGenerator {

	private static final int MAX_LENGTH = 64;

	private final String root;

	public UidGenerator(String root) {
		if (!root.matches("[0-9]+(\\.[0-9]+)*") || root.length() > MAX_LENGTH - 30) {
			throw new IllegalArgumentException("UID root must be digits and dots, at most 34 characters: " + root);
		}
		this.root = root;
	}

	/** A generator under 2.25 (a UUID written as a decimal integer). */
	public static UidGenerator uuidBased() {
		return new UidGenerator("2.25");
	}

	public String next() {
		if (root.equals("2.25")) {
			UUID uuid = UUID.randomUUID();
			byte[] bytes = ByteBuffer.allocate(16)
				.putLong(uuid.getMostSignificantBits())
				.putLong(uuid.getLeastSignificantBits())
				.array();
			return root + "." + new BigInteger(1, bytes);
		}
		byte[] random = new byte[12];
		ThreadLocalRandom.current().nextBytes(random);
		return root + "." + new BigInteger(1, random).add(BigInteger.ONE);
	}

}
