package org.continuum.dicom.net.service;

import java.io.IOException;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.io.DicomStreamException;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.DimseMessage;
import org.jspecify.annotations.Nullable;

/**
 * Reads the identifier of a Q/R request (PS3.4 §C.4); a malformed one is drained and
 * yields {@code null}.
 */
final class Identifiers {

	private Identifiers() {
	}

	static @Nullable Attributes read(Association association, DimseMessage request) throws IOException {
		try {
			return request.readDataSet();
		}
		catch (DicomStreamException e) {
			association.drainDataSet();
			return null;
		}
	}

}
