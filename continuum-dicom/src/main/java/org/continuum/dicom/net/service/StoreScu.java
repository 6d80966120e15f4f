package org.continuum.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomStreamException;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.CommandField;
import org.continuum.dicom.net.Commands;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.pdu.PresentationContextResult;
import org.jspecify.annotations.Nullable;

/**
 * Storage Service Class as SCU (PS3.4 §B.2.1): sends C-STORE-RQ with a data set and waits
 * for C-STORE-RSP. Part 10 files stream from disk without decoding when their transfer
 * syntax was accepted, and are converted between the uncompressed Little Endian syntaxes
 * otherwise.
 */
public final class StoreScu {

	private StoreScu() {
	}

	/**
	 * Sends one instance already encoded in {@code transferSyntax}; returns the response
	 * status.
	 */
	public static int store(Association association, String sopClassUid, String sopInstanceUid, String transferSyntax,
			Association.DataSetWriter data) throws IOException {
		return store(association, sopClassUid, sopInstanceUid, transferSyntax, data, null, 0);
	}

	/**
	 * As {@link #store}, for a C-MOVE sub-operation that names its originator (PS3.7
	 * §9.1.1.1).
	 */
	public static int store(Association association, String sopClassUid, String sopInstanceUid, String transferSyntax,
			Association.DataSetWriter data, @Nullable String moveOriginatorAe, int moveOriginatorMessageId)
			throws IOException {
		PresentationContextResult pc = association.acceptedContext(sopClassUid, transferSyntax);
		if (pc == null || !transferSyntax.equals(pc.transferSyntax())) {
			throw new NoPresentationContextException(sopClassUid, transferSyntax);
		}
		int messageId = association.nextMessageId();
		Attributes rq = Commands.request(CommandField.C_STORE_RQ, messageId, sopClassUid, true);
		rq.setString(Tag.AffectedSOPInstanceUID, VR.UI, sopInstanceUid);
		if (moveOriginatorAe != null) {
			rq.setString(Tag.MoveOriginatorApplicationEntityTitle, VR.AE, moveOriginatorAe);
			rq.setInt(Tag.MoveOriginatorMessageID, VR.US, moveOriginatorMessageId);
		}
		association.send(pc.id(), rq, data);
		DimseMessage rsp = association.receiveResponse(messageId);
		return rsp.status();
	}

	/**
	 * Stores a data set held in memory, in the first accepted uncompressed transfer
	 * syntax.
	 */
	public static int store(Association association, Attributes dataSet) throws IOException {
		String sopClass = dataSet.getString(Tag.SOPClassUID);
		PresentationContextResult pc = association.acceptedContext(sopClass,
				TransferSyntaxes.UNCOMPRESSED.toArray(String[]::new));
		if (pc == null) {
			throw new NoPresentationContextException(sopClass, "any");
		}
		return store(association, sopClass, dataSet.getString(Tag.SOPInstanceUID), pc.transferSyntax(),
				out -> encode(dataSet, pc.transferSyntax(), out));
	}

	/** Stores a Part 10 file. */
	public static int storeFile(Association association, Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file); var dis = DicomInputStream.openFile(in)) {
			Attributes fmi = dis.fileMetaInformation();
			String sopClass = fmi == null ? null : fmi.getString(Tag.MediaStorageSOPClassUID);
			String sopInstance = fmi == null ? null : fmi.getString(Tag.MediaStorageSOPInstanceUID);
			String ts = dis.transferSyntaxUid();
			InputStream raw = dis.rawDataSetStream();
			if (sopClass == null || sopInstance == null || ts == null || raw == null) {
				throw new DicomStreamException(file + ": File Meta Information lacks SOP Class or Instance UID");
			}
			return storeStream(association, sopClass, sopInstance, ts, raw, null, 0);
		}
	}

	/**
	 * Stores a data set encoded in {@code transferSyntax}: as is if a context accepted
	 * that transfer syntax, otherwise converted to the uncompressed Little Endian syntax
	 * that was accepted (PS3.5 §10); encapsulated pixel data is never converted.
	 */
	public static int storeStream(Association association, String sopClassUid, String sopInstanceUid,
			String transferSyntax, InputStream dataSet, @Nullable String moveOriginatorAe, int moveOriginatorMessageId)
			throws IOException {
		PresentationContextResult pc = association.acceptedContext(sopClassUid, transferSyntax);
		String accepted = pc == null ? null : pc.transferSyntax();
		if (transferSyntax.equals(accepted)) {
			return store(association, sopClassUid, sopInstanceUid, transferSyntax, out -> copy(dataSet, out),
					moveOriginatorAe, moveOriginatorMessageId);
		}
		if (accepted == null || TransferSyntax.encodingOf(transferSyntax).encapsulated()
				|| TransferSyntax.encodingOf(accepted).encapsulated()) {
			throw new NoPresentationContextException(sopClassUid, transferSyntax);
		}
		Attributes decoded = DicomInputStream.forDataset(dataSet, transferSyntax).readDataset();
		return store(association, sopClassUid, sopInstanceUid, accepted, out -> encode(decoded, accepted, out),
				moveOriginatorAe, moveOriginatorMessageId);
	}

	/**
	 * Copies in 64 KiB chunks, so that most writes go to the PDU stream without being
	 * buffered again.
	 */
	private static void copy(InputStream in, java.io.OutputStream out) throws IOException {
		byte[] buffer = new byte[1 << 16];
		int n;
		while ((n = in.read(buffer)) > 0) {
			out.write(buffer, 0, n);
		}
	}

	static void encode(Attributes dataSet, String transferSyntax, java.io.OutputStream out) throws IOException {
		Commands.encodeDataSet(dataSet, transferSyntax, out);
	}

}
