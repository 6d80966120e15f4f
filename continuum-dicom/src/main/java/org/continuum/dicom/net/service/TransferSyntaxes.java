package org.continuum.dicom.net.service;

import java.util.Arrays;
import java.util.List;
import org.continuum.dicom.io.TransferSyntax;

/**
 * Transfer syntax lists for negotiation (PS3.5 §10); as SCU we propose them in this
 * order.
 */
public final class TransferSyntaxes {

	/** Explicit before Implicit VR Little Endian, as dcmtk's tools prefer. */
	public static final List<String> UNCOMPRESSED = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
			TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());

	/** Every transfer syntax this library knows; stored bytes are kept as received. */
	public static final List<String> ALL_KNOWN = Arrays.stream(TransferSyntax.values())
		.map(TransferSyntax::uid)
		.toList();

	private TransferSyntaxes() {
	}

}
