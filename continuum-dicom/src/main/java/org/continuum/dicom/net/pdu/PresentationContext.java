package org.continuum.dicom.net.pdu;

import java.util.List;

/**
 * A proposed presentation context (PS3.8 §9.3.2.2): an odd id, one abstract syntax and
 * its transfer syntaxes.
 */
public record PresentationContext(int id, String abstractSyntax, List<String> transferSyntaxes) {

	public PresentationContext {
		if (id < 1 || id > 255 || (id & 1) == 0) {
			throw new IllegalArgumentException("presentation context id must be odd and 1-255: " + id);
		}
		transferSyntaxes = List.copyOf(transferSyntaxes);
	}
}
