package org.continuum.dicom.net;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.net.pdu.AAssociateAc;
import org.continuum.dicom.net.pdu.AAssociateRq;
import org.continuum.dicom.net.pdu.PduFormatException;
import org.continuum.dicom.net.pdu.PduReader;
import org.continuum.dicom.net.pdu.PduWriter;
import org.continuum.dicom.net.pdu.PresentationContextResult;
import org.continuum.dicom.net.pdu.PresentationDataValue;
import org.jspecify.annotations.Nullable;

/**
 * An established association (PS3.8 §7.1, state Sta6) on either side: sends and receives
 * DIMSE messages (PS3.7 §9, §10) as fragmented P-DATA-TF over its {@link UpperLayer},
 * releases (PS3.8 §7.2) and aborts (PS3.8 §7.3). Sending is serialized by a lock so that
 * a C-CANCEL may be sent while another thread waits for responses; receiving is
 * single-threaded.
 */
public final class Association implements Closeable {

	/**
	 * A data set writer for {@link #send}: writes the encoded data set, in the context's
	 * transfer syntax.
	 */
	@FunctionalInterface
	public interface DataSetWriter {

		void writeTo(OutputStream out) throws IOException;

	}

	private final AAssociateRq request;

	private final AAssociateAc accept;

	private final boolean requestor;

	private final int maxSendData;

	private final PresentationContexts contexts;

	private final UpperLayer upperLayer;

	private final AtomicInteger messageIds = new AtomicInteger();

	private @Nullable PDataInputStream openDataSet;

	Association(Socket socket, AAssociateRq request, AAssociateAc accept, boolean requestor, PduReader reader,
			PduWriter writer, java.time.Duration artimTimeout) {
		this.request = request;
		this.accept = accept;
		this.requestor = requestor;
		this.upperLayer = new UpperLayer(socket, reader, writer, (int) artimTimeout.toMillis(),
				requestor ? request.calledAeTitle() : request.callingAeTitle());
		long peerMax = requestor ? accept.userInformation().maxPduLength() : request.userInformation().maxPduLength();
		// PDV data after its 6-byte header, kept even: dcmtk rejects odd fragments.
		this.maxSendData = ((int) Math.min(peerMax == 0 ? 1 << 20 : peerMax, 1 << 20) - 6) & ~1;
		this.contexts = new PresentationContexts(request, accept);
	}

	static PduReader readerFor(Socket socket, int maxPduLength) throws IOException {
		// The reader buffers itself: each socket read takes all that has arrived, and the
		// data values point into that buffer (valid until the next PDU, which the upper
		// layer reads only once it has consumed them).
		return new PduReader(socket.getInputStream(), maxPduLength).reusingPDataBuffer();
	}

	static PduWriter writerFor(Socket socket) throws IOException {
		return new PduWriter(new BufferedOutputStream(socket.getOutputStream(), (1 << 16) + 12));
	}

	public AAssociateRq request() {
		return request;
	}

	public AAssociateAc acceptance() {
		return accept;
	}

	public String callingAeTitle() {
		return request.callingAeTitle();
	}

	public String calledAeTitle() {
		return request.calledAeTitle();
	}

	/** The peer's IP address and port, for logs and error messages. */
	public String remoteAddress() {
		return upperLayer.remoteAddress();
	}

	public AssociationState state() {
		return upperLayer.state();
	}

	public int nextMessageId() {
		return messageIds.incrementAndGet() & 0xFFFF;
	}

	/**
	 * The accepted context for an abstract syntax, preferring one whose transfer syntax
	 * is in {@code preferred}.
	 */
	public @Nullable PresentationContextResult acceptedContext(String abstractSyntax, String... preferred) {
		return contexts.accepted(abstractSyntax, preferred);
	}

	public @Nullable String abstractSyntaxOf(int contextId) {
		return contexts.abstractSyntaxOf(contextId);
	}

	public @Nullable String transferSyntaxOf(int contextId) {
		return contexts.transferSyntaxOf(contextId);
	}

	/**
	 * Sends a command and, if {@code data} is not null, its data set (PS3.7 §9.3.1, PS3.8
	 * Annex E).
	 */
	public void send(int contextId, Attributes command, @Nullable DataSetWriter data) throws IOException {
		byte[] encoded = Commands.encode(command);
		PduWriter writer = upperLayer.writer();
		upperLayer.sendLock().lock();
		try {
			AssociationState state = upperLayer.state();
			if (state != AssociationState.STA6 && state != AssociationState.STA7) {
				throw new AssociationAbortedException(
						"cannot send on association with " + peerAe() + " in state " + state);
			}
			for (int off = 0; off < encoded.length; off += maxSendData) {
				int n = Math.min(maxSendData, encoded.length - off);
				writer.writePData(contextId, true, off + n == encoded.length, encoded, off, n);
			}
			if (data == null) {
				writer.flush();
				return;
			}
			var out = new PDataOutputStream(writer, contextId, maxSendData);
			data.writeTo(out);
			out.finish();
		}
		finally {
			upperLayer.sendLock().unlock();
		}
	}

	/**
	 * The next DIMSE message, or {@code null} when the peer released the association (the
	 * A-RELEASE-RP has been sent). An A-ABORT from the peer raises
	 * {@link AssociationAbortedException}.
	 */
	public @Nullable DimseMessage receive() throws IOException {
		if (openDataSet != null) {
			openDataSet.drain();
			openDataSet = null;
		}
		var command = new ByteArrayOutputStream(256);
		int contextId = -1;
		while (true) {
			PresentationDataValue pdv = upperLayer.nextPdvOrRelease();
			if (pdv == null) {
				return null;
			}
			if (!pdv.command() || (contextId >= 0 && pdv.contextId() != contextId)) {
				abort(AAbort.Reason.UNEXPECTED_PDU_PARAMETER);
				throw new PduFormatException(AAbort.Reason.UNEXPECTED_PDU_PARAMETER,
						"expected a command fragment from " + callingAeTitle() + ", got a data fragment");
			}
			contextId = pdv.contextId();
			command.write(pdv.data(), pdv.offset(), pdv.length());
			if (command.size() > 1 << 16) {
				abort(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE);
				throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE, "command set over 64 KiB");
			}
			if (pdv.last()) {
				break;
			}
		}
		String ts = transferSyntaxOf(contextId);
		if (ts == null) {
			abort(AAbort.Reason.UNEXPECTED_PDU_PARAMETER);
			throw new PduFormatException(AAbort.Reason.UNEXPECTED_PDU_PARAMETER,
					"message on presentation context " + contextId + ", which was not accepted");
		}
		Attributes cmd;
		try {
			cmd = Commands.decode(command.toByteArray());
		}
		catch (IOException e) {
			abort(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE);
			throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE,
					"bad command set: " + e.getMessage());
		}
		if (Commands.hasDataSet(cmd)) {
			openDataSet = new PDataInputStream(this, contextId);
		}
		return new DimseMessage(contextId, ts, cmd, openDataSet);
	}

	/** Reads and discards what is left of the last received message's data set. */
	public void drainDataSet() throws IOException {
		if (openDataSet != null) {
			openDataSet.drain();
			openDataSet = null;
		}
	}

	/**
	 * Waits for the response to {@code messageId} (PS3.7 §9.3); any other message here is
	 * a protocol error, answered by A-ABORT.
	 */
	public DimseMessage receiveResponse(int messageId) throws IOException {
		DimseMessage rsp = receive();
		if (rsp == null) {
			throw new AssociationAbortedException(
					"peer released the association while message " + messageId + " awaited its response");
		}
		CommandField field = rsp.commandField();
		if (field == null || field.isRequest()
				|| rsp.command().getInt(org.continuum.dicom.data.Tag.MessageIDBeingRespondedTo, -1) != messageId) {
			abort(AAbort.Reason.UNEXPECTED_PDU_PARAMETER);
			throw new AssociationAbortedException(
					"expected the response to message " + messageId + " from " + peerAe() + ", got " + field);
		}
		return rsp;
	}

	/**
	 * N-CREATE (PS3.7 §10.1.5): creates an instance of {@code sopClassUid}; with a null
	 * {@code sopInstanceUid} the SCP assigns one, returned in the response.
	 */
	public NResponse nCreate(String sopClassUid, @Nullable String sopInstanceUid, @Nullable Attributes attributes)
			throws IOException {
		return NOperations.invoke(this, CommandField.N_CREATE_RQ, sopClassUid, sopInstanceUid, 0, attributes,
				new int[0]);
	}

	/** N-SET (PS3.7 §10.1.3): modifies attributes of an instance. */
	public NResponse nSet(String sopClassUid, String sopInstanceUid, Attributes modifications) throws IOException {
		return NOperations.invoke(this, CommandField.N_SET_RQ, sopClassUid, sopInstanceUid, 0, modifications,
				new int[0]);
	}

	/**
	 * N-GET (PS3.7 §10.1.2): the attributes named by {@code attributeTags} (all if none)
	 * in the response's data set.
	 */
	public NResponse nGet(String sopClassUid, String sopInstanceUid, int... attributeTags) throws IOException {
		return NOperations.invoke(this, CommandField.N_GET_RQ, sopClassUid, sopInstanceUid, 0, null, attributeTags);
	}

	/** N-ACTION (PS3.7 §10.1.4) of type {@code actionTypeId}. */
	public NResponse nAction(String sopClassUid, String sopInstanceUid, int actionTypeId,
			@Nullable Attributes actionInformation) throws IOException {
		return NOperations.invoke(this, CommandField.N_ACTION_RQ, sopClassUid, sopInstanceUid, actionTypeId,
				actionInformation, new int[0]);
	}

	/**
	 * N-EVENT-REPORT (PS3.7 §10.1.1) of type {@code eventTypeId}, sent by whichever side
	 * performs the SOP class's SCP role (on an association it requested, after SCP/SCU
	 * Role Selection, PS3.7 §D.3.3.4).
	 */
	public NResponse nEventReport(String sopClassUid, String sopInstanceUid, int eventTypeId,
			@Nullable Attributes eventInformation) throws IOException {
		return NOperations.invoke(this, CommandField.N_EVENT_REPORT_RQ, sopClassUid, sopInstanceUid, eventTypeId,
				eventInformation, new int[0]);
	}

	/** N-DELETE (PS3.7 §10.1.6). */
	public NResponse nDelete(String sopClassUid, String sopInstanceUid) throws IOException {
		return NOperations.invoke(this, CommandField.N_DELETE_RQ, sopClassUid, sopInstanceUid, 0, null, new int[0]);
	}

	/**
	 * True if a PDU has (at least partly) arrived and can be read without waiting long,
	 * e.g. a C-CANCEL. Over TLS this sees only bytes already decrypted, so a cancel may
	 * be noticed one response later.
	 */
	public boolean hasIncoming() throws IOException {
		return upperLayer.hasIncoming();
	}

	PresentationDataValue nextPdv() throws IOException {
		return upperLayer.nextPdv();
	}

	/**
	 * Orderly release as requestor (PS3.8 §7.2): A-RELEASE-RQ, then wait for
	 * A-RELEASE-RP.
	 */
	public void release() throws IOException {
		if (upperLayer.state() != AssociationState.STA6) {
			return;
		}
		drainDataSet();
		upperLayer.release();
	}

	/** Sends A-ABORT (PS3.8 §7.3) and closes the connection; never throws. */
	public void abort(AAbort.Reason reason) {
		upperLayer.abort(reason);
	}

	private String peerAe() {
		return requestor ? calledAeTitle() : callingAeTitle();
	}

	public boolean isOpen() {
		return upperLayer.isOpen();
	}

	/** Releases if still established (as requestor), else just closes. */
	@Override
	public void close() throws IOException {
		if (upperLayer.state() == AssociationState.STA6 && requestor) {
			release();
		}
		else {
			upperLayer.close();
		}
	}

}
