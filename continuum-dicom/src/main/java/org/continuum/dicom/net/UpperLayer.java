package org.continuum.dicom.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.net.pdu.AReleaseRp;
import org.continuum.dicom.net.pdu.AReleaseRq;
import org.continuum.dicom.net.pdu.PDataTf;
import org.continuum.dicom.net.pdu.Pdu;
import org.continuum.dicom.net.pdu.PduFormatException;
import org.continuum.dicom.net.pdu.PduReader;
import org.continuum.dicom.net.pdu.PduWriter;
import org.continuum.dicom.net.pdu.PresentationDataValue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upper layer protocol machine of one established association (PS3.8 §9.2, from
 * Sta6): the PDV stream in, the PDU writer out (serialized by a lock), release
 * (Sta7/Sta8/Sta13) and abort, timers as socket timeouts.
 */
final class UpperLayer {

	private static final Logger LOG = LoggerFactory.getLogger(UpperLayer.class);

	private final Socket socket;

	private final PduReader reader;

	private final PduWriter writer;

	private final int artimMillis;

	private final String peerAe;

	private final ReentrantLock sendLock = new ReentrantLock();

	private final ArrayDeque<PresentationDataValue> pending = new ArrayDeque<>();

	private volatile AssociationState state = AssociationState.STA6;

	UpperLayer(Socket socket, PduReader reader, PduWriter writer, int artimMillis, String peerAe) {
		this.socket = socket;
		this.reader = reader;
		this.writer = writer;
		this.artimMillis = artimMillis;
		this.peerAe = peerAe;
	}

	AssociationState state() {
		return state;
	}

	String remoteAddress() {
		return String.valueOf(socket.getRemoteSocketAddress());
	}

	boolean isOpen() {
		return state == AssociationState.STA6 && !socket.isClosed();
	}

	/**
	 * Held while one DIMSE message's PDVs are written, so messages from two threads do
	 * not interleave.
	 */
	ReentrantLock sendLock() {
		return sendLock;
	}

	PduWriter writer() {
		return writer;
	}

	boolean hasIncoming() throws IOException {
		return !pending.isEmpty() || reader.available() > 0;
	}

	/** The next PDV; a release in the middle of a message is an error. */
	PresentationDataValue nextPdv() throws IOException {
		PresentationDataValue pdv = nextPdvOrRelease();
		if (pdv == null) {
			throw new AssociationAbortedException("peer released the association in the middle of a message");
		}
		return pdv;
	}

	/**
	 * The next PDV, or {@code null} after answering the peer's A-RELEASE-RQ (Sta6 → Sta8
	 * → Sta13).
	 */
	@Nullable PresentationDataValue nextPdvOrRelease() throws IOException {
		while (pending.isEmpty()) {
			Pdu pdu = readPdu();
			if (pdu instanceof PDataTf) {
				pending.addAll(((PDataTf) pdu).values());
			}
			else if (pdu instanceof AReleaseRq) {
				state = AssociationState.STA8;
				sendPdu(new AReleaseRp());
				state = AssociationState.STA13;
				closeSocket();
				return null;
			}
			else if (pdu instanceof AAbort) {
				state = AssociationState.STA1;
				closeSocket();
				throw new AssociationAbortedException(
						"A-ABORT from " + peerAe + ": " + ((AAbort) pdu).source() + "/" + ((AAbort) pdu).reason());
			}
			else {
				abort(AAbort.Reason.UNEXPECTED_PDU);
				throw new PduFormatException(AAbort.Reason.UNEXPECTED_PDU, "unexpected " + pdu.type() + " in " + state);
			}
		}
		return pending.poll();
	}

	private Pdu readPdu() throws IOException {
		Pdu pdu;
		try {
			pdu = reader.read();
		}
		catch (SocketTimeoutException e) {
			abort(AAbort.Reason.NOT_SPECIFIED);
			throw new AssociationAbortedException("no PDU from " + peerAe + " at " + remoteAddress() + " within "
					+ socket.getSoTimeout() + " ms in " + state + "; aborted");
		}
		catch (PduFormatException e) {
			abort(e.abortReason());
			throw e;
		}
		if (pdu == null) {
			state = AssociationState.STA1;
			closeSocket();
			throw new AssociationAbortedException("connection from " + peerAe + " closed without release");
		}
		return pdu;
	}

	/**
	 * Orderly release as requestor (PS3.8 §7.2): A-RELEASE-RQ, then wait (ARTIM) for
	 * A-RELEASE-RP.
	 */
	void release() throws IOException {
		if (state != AssociationState.STA6) {
			return;
		}
		state = AssociationState.STA7;
		socket.setSoTimeout(artimMillis);
		sendPdu(new AReleaseRq());
		try {
			while (true) {
				Pdu pdu = readPdu();
				if (pdu instanceof AReleaseRp) {
					break;
				}
				if (pdu instanceof AAbort) {
					throw new AssociationAbortedException("A-ABORT from " + peerAe + " while releasing");
				}
				if (pdu instanceof AReleaseRq) {
					sendPdu(new AReleaseRp());
					break;
				}
				// P-DATA still in flight after our A-RELEASE-RQ is discarded (PS3.8 §9.2,
				// Sta7 event 10).
			}
		}
		finally {
			state = AssociationState.STA1;
			closeSocket();
		}
	}

	/** Sends A-ABORT (PS3.8 §7.3) and closes the connection; never throws. */
	void abort(AAbort.Reason reason) {
		if (state == AssociationState.STA1) {
			return;
		}
		try {
			sendPdu(reason == AAbort.Reason.NOT_SPECIFIED ? AAbort.byUser() : AAbort.byProvider(reason));
		}
		catch (IOException e) {
			LOG.debug("A-ABORT to {} not delivered: {}", peerAe, e.toString());
		}
		state = AssociationState.STA1;
		closeSocket();
	}

	void close() {
		state = AssociationState.STA1;
		closeSocket();
	}

	private void sendPdu(Pdu pdu) throws IOException {
		sendLock.lock();
		try {
			writer.write(pdu);
		}
		finally {
			sendLock.unlock();
		}
	}

	private void closeSocket() {
		try {
			socket.close();
		}
		catch (IOException e) {
			LOG.debug("closing socket to {}: {}", peerAe, e.toString());
		}
	}

}
