package org.continuum.dicom.net.service;

import java.io.IOException;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.Status;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the response to a DIMSE-N request (PS3.7 §10.1): success, or a failure with its
 * Error Comment, Error ID and Attribute Identifier List (PS3.7 §C.5). The request's data
 * set is drained first, so a failure never leaves it half read.
 */
final class NResponder {

	private static final Logger LOG = LoggerFactory.getLogger(NResponder.class);

	private NResponder() {
	}

	static void success(Association association, DimseMessage request, @Nullable Attributes dataSet)
			throws IOException {
		association.drainDataSet();
		Attributes rsp = Commands.response(request.command(), Status.SUCCESS.code(), dataSet != null);
		association.send(request.contextId(), rsp,
				dataSet == null ? null : out -> Commands.encodeDataSet(dataSet, request.transferSyntax(), out));
	}

	static void failure(Association association, DimseMessage request, DimseException failure) throws IOException {
		LOG.warn("{} from {} refused with status 0x{}: {}", request.commandField(), association.callingAeTitle(),
				Integer.toHexString(failure.status()), failure.getMessage());
		association.drainDataSet();
		Attributes rsp = Commands.response(request.command(), failure.status(), false);
		if (failure.getMessage() != null) {
			rsp.setString(Tag.ErrorComment, VR.LO, StoreScp.errorComment(failure.getMessage()));
		}
		if (failure.errorId() != 0) {
			rsp.setInt(Tag.ErrorID, VR.US, failure.errorId());
		}
		if (failure.attributeIdentifiers().length > 0) {
			rsp.setInt(Tag.AttributeIdentifierList, VR.AT, failure.attributeIdentifiers());
		}
		association.send(request.contextId(), rsp, null);
	}

	/**
	 * The request's data set, parsed; a malformed one is refused as Processing Failure.
	 */
	static Attributes dataSet(DimseMessage request) throws IOException, DimseException {
		try {
			Attributes data = request.readDataSet();
			return data == null ? new Attributes() : data;
		}
		catch (org.continuum.dicom.io.DicomStreamException e) {
			throw new DimseException(Status.PROCESSING_FAILURE, "malformed data set: " + e.getMessage());
		}
	}

}
