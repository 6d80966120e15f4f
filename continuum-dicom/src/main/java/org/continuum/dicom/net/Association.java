package org.continuum.dicom.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.net.pdu.AAssociateAc;
import org.continuum.dicom.net.pdu.AAssociateRq;
import org.continuum.dicom.net.pdu.AReleaseRp;
import org.continuum.dicom.net.pdu.AReleaseRq;
import org.continuum.dicom.net.pdu.PDataTf;
import org.continuum.dicom.net.pdu.Pdu;
import org.continuum.dicom.net.pdu.PduFormatException;
import org.continuum.dicom.net.pdu.PduReader;
import org.continuum.dicom.net.pdu.PduWriter;
import org.continuum.dicom.net.pdu.PresentationContextResult;
import org.continuum.dicom.net.pdu.PresentationDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * An established association (PS3.8 §7.1, state Sta6) on either side: sends and receives DIMSE messages
 * (PS3.7 §9) as fragmented P-DATA-TF, releases (PS3.8 §7.2) and aborts (PS3.8 §7.3). Sending is serialized by a
 * lock so that a C-CANCEL may be sent while another thread waits for responses; receiving is single-threaded.
 */
public final class Association implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Association.class);

    /** A data set writer for {@link #send}: writes the encoded data set, in the context's transfer syntax. */
    @FunctionalInterface
    public interface DataSetWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Socket socket;
    private final AAssociateRq request;
    private final AAssociateAc accept;
    private final boolean requestor;
    private final PduReader reader;
    private final PduWriter writer;
    private final int maxSendData;
    private final int artimMillis;
    private final PresentationContexts contexts;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicInteger messageIds = new AtomicInteger();
    private final ArrayDeque<PresentationDataValue> pending = new ArrayDeque<>();
    private @Nullable PDataInputStream openDataSet;
    private volatile AssociationState state = AssociationState.STA6;

    Association(Socket socket, AAssociateRq request, AAssociateAc accept, boolean requestor, PduReader reader,
                PduWriter writer, java.time.Duration artimTimeout) {
        this.artimMillis = (int) artimTimeout.toMillis();
        this.socket = socket;
        this.request = request;
        this.accept = accept;
        this.requestor = requestor;
        this.reader = reader;
        this.writer = writer;
        long peerMax = requestor ? accept.userInformation().maxPduLength() : request.userInformation().maxPduLength();
        this.maxSendData = (int) Math.min(peerMax == 0 ? 1 << 20 : peerMax, 1 << 20) - 6;
        this.contexts = new PresentationContexts(request, accept);
    }

    static PduReader readerFor(Socket socket, int maxPduLength) throws IOException {
        return new PduReader(new BufferedInputStream(socket.getInputStream(), 1 << 16), maxPduLength);
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
        return socket.getRemoteSocketAddress().toString();
    }

    public AssociationState state() {
        return state;
    }

    public int nextMessageId() {
        return messageIds.incrementAndGet() & 0xFFFF;
    }

    /** The accepted context for an abstract syntax, preferring one whose transfer syntax is in {@code preferred}. */
    public @Nullable PresentationContextResult acceptedContext(String abstractSyntax, String... preferred) {
        return contexts.accepted(abstractSyntax, preferred);
    }

    public @Nullable String abstractSyntaxOf(int contextId) {
        return contexts.abstractSyntaxOf(contextId);
    }

    public @Nullable String transferSyntaxOf(int contextId) {
        return contexts.transferSyntaxOf(contextId);
    }

    /** Sends a command and, if {@code data} is not null, its data set (PS3.7 §9.3.1, PS3.8 Annex E). */
    public void send(int contextId, Attributes command, @Nullable DataSetWriter data) throws IOException {
        byte[] encoded = Commands.encode(command);
        sendLock.lock();
        try {
            if (state != AssociationState.STA6 && state != AssociationState.STA7) {
                throw new AssociationAbortedException("cannot send on association with " + callingAeTitle()
                        + " in state " + state);
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
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * The next DIMSE message, or {@code null} when the peer released the association (the A-RELEASE-RP has
     * been sent). An A-ABORT from the peer raises {@link AssociationAbortedException}.
     */
    public @Nullable DimseMessage receive() throws IOException {
        if (openDataSet != null) {
            openDataSet.drain();
            openDataSet = null;
        }
        var command = new ByteArrayOutputStream(256);
        int contextId = -1;
        while (true) {
            PresentationDataValue pdv = nextPdvOrRelease();
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
        } catch (IOException e) {
            abort(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE);
            throw new PduFormatException(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE, "bad command set: " + e.getMessage());
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
     * Waits for the response to {@code messageId} (PS3.7 §9.3); any other message here is a protocol error,
     * answered by A-ABORT.
     */
    public DimseMessage receiveResponse(int messageId) throws IOException {
        DimseMessage rsp = receive();
        if (rsp == null) {
            throw new AssociationAbortedException("peer released the association while message " + messageId
                    + " awaited its response");
        }
        CommandField field = rsp.commandField();
        if (field == null || field.isRequest()
                || rsp.command().getInt(org.continuum.dicom.data.Tag.MessageIDBeingRespondedTo, -1) != messageId) {
            abort(AAbort.Reason.UNEXPECTED_PDU_PARAMETER);
            throw new AssociationAbortedException("expected the response to message " + messageId + " from "
                    + peerAe() + ", got " + field);
        }
        return rsp;
    }

    /** True if a PDU has (at least partly) arrived and can be read without waiting long, e.g. a C-CANCEL. */
    public boolean hasIncoming() throws IOException {
        return !pending.isEmpty() || reader.available() > 0;
    }

    PresentationDataValue nextPdv() throws IOException {
        PresentationDataValue pdv = nextPdvOrRelease();
        if (pdv == null) {
            throw new AssociationAbortedException("peer released the association in the middle of a message");
        }
        return pdv;
    }

    private @Nullable PresentationDataValue nextPdvOrRelease() throws IOException {
        while (pending.isEmpty()) {
            Pdu pdu = readPdu();
            if (pdu instanceof PDataTf) {
                pending.addAll(((PDataTf) pdu).values());
            } else if (pdu instanceof AReleaseRq) {
                state = AssociationState.STA8;
                sendPdu(new AReleaseRp());
                state = AssociationState.STA13;
                closeSocket();
                return null;
            } else if (pdu instanceof AAbort) {
                state = AssociationState.STA1;
                closeSocket();
                throw new AssociationAbortedException("A-ABORT from " + peerAe() + ": " + ((AAbort) pdu).source()
                        + "/" + ((AAbort) pdu).reason());
            } else {
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
        } catch (SocketTimeoutException e) {
            abort(AAbort.Reason.NOT_SPECIFIED);
            throw new AssociationAbortedException("no PDU from " + peerAe() + " at " + remoteAddress() + " within "
                    + socket.getSoTimeout() + " ms in " + state + "; aborted");
        } catch (PduFormatException e) {
            abort(e.abortReason());
            throw e;
        }
        if (pdu == null) {
            state = AssociationState.STA1;
            closeSocket();
            throw new AssociationAbortedException("connection from " + peerAe() + " closed without release");
        }
        return pdu;
    }

    /** Orderly release as requestor (PS3.8 §7.2): A-RELEASE-RQ, then wait for A-RELEASE-RP. */
    public void release() throws IOException {
        if (state != AssociationState.STA6) {
            return;
        }
        if (openDataSet != null) {
            openDataSet.drain();
            openDataSet = null;
        }
        state = AssociationState.STA7;
        socket.setSoTimeout(artimMillis);   // ARTIM runs while awaiting A-RELEASE-RP (PS3.8 §9.1.5)
        sendPdu(new AReleaseRq());
        try {
            while (true) {
                Pdu pdu = readPdu();
                if (pdu instanceof AReleaseRp) {
                    break;
                }
                if (pdu instanceof AAbort) {
                    throw new AssociationAbortedException("A-ABORT from " + peerAe() + " while releasing");
                }
                if (pdu instanceof AReleaseRq) {
                    sendPdu(new AReleaseRp());
                    break;
                }
                // P-DATA still in flight after our A-RELEASE-RQ is discarded (PS3.8 §9.2, Sta7 event 10).
            }
        } finally {
            state = AssociationState.STA1;
            closeSocket();
        }
    }

    /** Sends A-ABORT (PS3.8 §7.3) and closes the connection; never throws. */
    public void abort(AAbort.Reason reason) {
        if (state == AssociationState.STA1) {
            return;
        }
        try {
            sendPdu(reason == AAbort.Reason.NOT_SPECIFIED ? AAbort.byUser() : AAbort.byProvider(reason));
        } catch (IOException e) {
            LOG.debug("A-ABORT to {} not delivered: {}", peerAe(), e.toString());
        }
        state = AssociationState.STA1;
        closeSocket();
    }

    private void sendPdu(Pdu pdu) throws IOException {
        sendLock.lock();
        try {
            writer.write(pdu);
        } finally {
            sendLock.unlock();
        }
    }

    private String peerAe() {
        return requestor ? calledAeTitle() : callingAeTitle();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing socket to {}: {}", peerAe(), e.toString());
        }
    }

    public boolean isOpen() {
        return state == AssociationState.STA6 && !socket.isClosed();
    }

    /** Releases if still established, else just closes. */
    @Override
    public void close() throws IOException {
        if (state == AssociationState.STA6 && requestor) {
            release();
        } else {
            state = AssociationState.STA1;
            closeSocket();
        }
    }
}
