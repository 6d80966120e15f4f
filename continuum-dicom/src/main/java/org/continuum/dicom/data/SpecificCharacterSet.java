package org.continuum.dicom.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Specific Character Set (0008,0005) per PS3.3 §C.12.1.1.2 and PS3.5 §6.1: which Java
 * charset decodes the text VRs. Supported: the default repertoire (ISO-IR 6), ISO_IR 100
 * (Latin-1, for French and Dutch names) and ISO_IR 192 (UTF-8), with ISO 2022 IR 6/100
 * treated as their single-byte equivalents. The default repertoire is decoded as Latin-1
 * so that non-conformant bytes survive a read/write round trip unchanged.
 */
public enum SpecificCharacterSet {

	DEFAULT("", StandardCharsets.ISO_8859_1), ISO_IR_100("ISO_IR 100", StandardCharsets.ISO_8859_1),
	ISO_IR_192("ISO_IR 192", StandardCharsets.UTF_8);

	private final String term;

	private final Charset charset;

	SpecificCharacterSet(String term, Charset charset) {
		this.term = term;
		this.charset = charset;
	}

	/** The Defined Term written into (0008,0005). */
	public String term() {
		return term;
	}

	public Charset charset() {
		return charset;
	}

	/**
	 * Maps the values of (0008,0005); unknown terms fall back to Latin-1 decoding, which
	 * never loses bytes.
	 */
	public static SpecificCharacterSet of(@Nullable String @Nullable [] terms) {
		if (terms == null || terms.length == 0) {
			return DEFAULT;
		}
		for (String t : terms) {
			String term = t == null ? "" : t.trim();
			if (term.equals("ISO_IR 192")) {
				return ISO_IR_192;
			}
			if (term.equals("ISO_IR 100") || term.equals("ISO 2022 IR 100")) {
				return ISO_IR_100;
			}
		}
		return terms[0] == null || terms[0].isBlank() || terms[0].trim().equals("ISO 2022 IR 6") ? DEFAULT : ISO_IR_100;
	}

}
