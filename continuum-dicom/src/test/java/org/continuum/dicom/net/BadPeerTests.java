package org.continuum.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.DicomOutputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.pdu.AAbort;
import org.continuum.dicom.net.pdu.AAssociateAc;
import org.continuum.dicom.net.pdu.Pdu;
import org.continuum.dicom.net.pdu.PduReader;
import org.continuum.dicom.net.pdu.PduWriter;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.EchoScu;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.net.service.StoreScu;
import org.continuum.dicom.testing.TestData;
import org.continuum.dicom.testing.TestScp;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken peers: each gets the A-ABORT or status the standard prescribes
 * (PS3.8 §9.2 state table, PS3.7 Annex C), memory stays bounded, and other associations
 * carry on.
 */
class BadPeerTests {

	private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

	/**
	 * Parses each data set, as the PACS will: malformed ones must come back as Cannot
	 * Understand.
	 */
	private static final StoreScp PARSING_STORE = new StoreScp(request -> {
		DicomInputStream.forDataset(request.dataSet(), request.transferSyntax()).readDataset();
		return Status.SUCCESS;
	});

	private static TestScp scp(AssociationSettings settings) throws IOException {
		return new TestScp(settings, new EchoScp(), PARSING_STORE);
	}

	private static TestScp scp() throws IOException {
		return scp(AssociationSettings.defaults("SCP"));
	}

	private static AssociationRequest request() {
		return new AssociationRequest("SCU", "SCP").addContext(Uid.VERIFICATION, EXPLICIT)
			.addContext(Uid.CT_IMAGE_STORAGE, EXPLICIT);
	}

	private static Association associate(TestScp scp) throws IOException {
		return request().connect("127.0.0.1", scp.port(), AssociationSettings.defaults("SCU"));
	}

	/**
	 * A plain socket for speaking bytes directly; TCP_NODELAY as on every socket of ours.
	 */
	private static Socket rawSocket(TestScp scp) throws IOException {
		Socket s = new Socket(InetAddress.getLoopbackAddress(), scp.port());
		s.setTcpNoDelay(true);
		return s;
	}

	private static Pdu sendRaw(TestScp scp, byte[] bytes) throws IOException {
		try (Socket s = rawSocket(scp)) {
			s.setSoTimeout(5000);
			s.getOutputStream().write(bytes);
			return new PduReader(s.getInputStream(), 0).read();
		}
	}

	private static void assertAbort(Pdu pdu, AAbort.Reason reason) {
		assertThat(pdu).isInstanceOfSatisfying(AAbort.class, a -> {
			assertThat(a.source()).isEqualTo(AAbort.Source.SERVICE_PROVIDER);
			assertThat(a.reason()).isEqualTo(reason);
		});
	}

	@Test
	void abortsAnUnrecognizedPduAndKeepsServingOthers() throws Exception {
		try (var scp = scp()) {
			assertAbort(sendRaw(scp, new byte[] { 0x55, 0, 0, 0, 0, 2, 1, 2 }), AAbort.Reason.UNRECOGNIZED_PDU);
			try (Association as = associate(scp)) {
				assertThat(EchoScu.echo(as)).isZero();
			}
		}
	}

	@Test
	void rejectsAnUnsupportedProtocolVersion() throws Exception {
		var bytes = new ByteArrayOutputStream();
		new PduWriter(bytes).write(request().toPdu(16384));
		byte[] rq = bytes.toByteArray();
		rq[7] = 2; // protocol version 0x0002: bit 0 (version 1) not set
		try (var scp = scp()) {
			assertThat(sendRaw(scp, rq)).isInstanceOfSatisfying(org.continuum.dicom.net.pdu.AAssociateRj.class, rj -> {
				assertThat(rj.permanent()).isTrue();
				assertThat(rj.reason())
					.isEqualTo(org.continuum.dicom.net.pdu.AAssociateRj.Reason.PROTOCOL_VERSION_NOT_SUPPORTED);
			});
		}
	}

	@Test
	void abortsPDataBeforeAnAssociation() throws Exception {
		try (var scp = scp()) {
			assertAbort(sendRaw(scp, new byte[] { 0x04, 0, 0, 0, 0, 6, 0, 0, 0, 2, 1, 3 }),
					AAbort.Reason.UNEXPECTED_PDU);
		}
	}

	@Test
	void abortsAnAssociateRequestThatDeclaresAGigabyte() throws Exception {
		try (var scp = scp()) {
			long before = usedHeap();
			assertAbort(sendRaw(scp, new byte[] { 0x01, 0, 0x40, 0, 0, 0, 0, 1 }),
					AAbort.Reason.INVALID_PDU_PARAMETER_VALUE);
			assertThat(usedHeap() - before).isLessThan(256L << 20);
		}
	}

	@Test
	void abortsGarbageInsideAnEstablishedAssociation() throws Exception {
		try (var scp = scp(); Socket s = rawSocket(scp)) {
			s.setSoTimeout(5000);
			var writer = new PduWriter(s.getOutputStream());
			var reader = new PduReader(s.getInputStream(), 0);
			writer.write(request().toPdu(16384));
			assertThat(reader.read()).isInstanceOf(AAssociateAc.class);
			s.getOutputStream().write(new byte[] { 0x09, 0, 0, 0, 0, 0 });
			assertAbort(reader.read(), AAbort.Reason.UNRECOGNIZED_PDU);
			try (Association other = associate(scp)) {
				assertThat(EchoScu.echo(other)).isZero();
			}
		}
	}

	@Test
	void closesAfterReleaseAndIgnoresGarbageThatFollows() throws Exception {
		try (var scp = scp(); Socket s = rawSocket(scp)) {
			s.setSoTimeout(5000);
			var writer = new PduWriter(s.getOutputStream());
			var reader = new PduReader(s.getInputStream(), 0);
			writer.write(request().toPdu(16384));
			assertThat(reader.read()).isInstanceOf(AAssociateAc.class);
			writer.write(new org.continuum.dicom.net.pdu.AReleaseRq());
			assertThat(reader.read()).isInstanceOf(org.continuum.dicom.net.pdu.AReleaseRp.class);
			try {
				s.getOutputStream().write(new byte[] { 0x66, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
			}
			catch (IOException alreadyClosed) {
				assertThat(alreadyClosed).isNotNull();
			}
			assertThat(s.getInputStream().read()).isEqualTo(-1);
			try (Association other = associate(scp)) {
				assertThat(EchoScu.echo(other)).isZero();
			}
		}
	}

	@Test
	void answersATruncatedDataSetWithCannotUnderstand() throws Exception {
		try (var scp = scp(); Association as = associate(scp)) {
			byte[] full = encode(TestData.ctImage(64, "Wouters^Lotte"));
			byte[] truncated = Arrays.copyOf(full, full.length / 2);
			int status = StoreScu.store(as, Uid.CT_IMAGE_STORAGE, TestData.newUid(), EXPLICIT,
					out -> out.write(truncated));
			assertThat(status).isEqualTo(Status.CANNOT_UNDERSTAND.code());
			assertThat(EchoScu.echo(as)).isZero();
		}
	}

	@Test
	void answersSequencesNestedThousandsDeepWithCannotUnderstand() throws Exception {
		var nested = new ByteArrayOutputStream();
		for (int i = 0; i < 5000; i++) {
			nested.writeBytes(new byte[] { 0x08, 0x00, 0x40, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1 });
			nested.writeBytes(new byte[] { -2, -1, 0x00, -32, -1, -1, -1, -1 });
		}
		try (var scp = scp(); Association as = associate(scp)) {
			int status = StoreScu.store(as, Uid.CT_IMAGE_STORAGE, TestData.newUid(), EXPLICIT,
					out -> out.write(nested.toByteArray()));
			assertThat(status).isEqualTo(Status.CANNOT_UNDERSTAND.code());
			assertThat(EchoScu.echo(as)).isZero();
		}
	}

	@Test
	void artimTimerClosesAConnectionThatNeverAssociates() throws Exception {
		var settings = AssociationSettings.defaults("SCP").withTimeouts(Duration.ofMillis(300), Duration.ofMinutes(1));
		try (var scp = scp(settings); Socket s = rawSocket(scp)) {
			s.setSoTimeout(5000);
			long start = System.nanoTime();
			assertThat(s.getInputStream().read()).isEqualTo(-1);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void idleTimerAbortsASilentAssociation() throws Exception {
		var settings = AssociationSettings.defaults("SCP").withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(300));
		try (var scp = scp(settings); Association as = associate(scp)) {
			assertThatThrownBy(as::receive).isInstanceOf(AssociationAbortedException.class)
				.hasMessageContaining("A-ABORT");
		}
	}

	@Test
	void aStalledPeerDoesNotBlockOtherAssociations() throws Exception {
		try (var scp = scp(); Socket stalled = rawSocket(scp)) {
			stalled.setSoTimeout(5000);
			var writer = new PduWriter(stalled.getOutputStream());
			writer.write(request().toPdu(16384));
			assertThat(new PduReader(stalled.getInputStream(), 0).read()).isInstanceOf(AAssociateAc.class);
			OutputStream out = stalled.getOutputStream();
			out.write(new byte[] { 0x04, 0, 0, 0, 0x10, 0, 0, 0 }); // a P-DATA-TF header
																	// promising 4 KiB,
																	// then nothing
			out.flush();
			try (Association other = associate(scp)) {
				assertThat(EchoScu.echo(other)).isZero();
				assertThat(StoreScu.store(other, TestData.ctImage(256, "Maes^Noor"))).isZero();
			}
			assertThat(scp.server().activeAssociations()).as("the stalled association is still held").isPositive();
		}
	}

	private static byte[] encode(Attributes ds) throws IOException {
		var bytes = new ByteArrayOutputStream();
		try (var out = new DicomOutputStream(bytes)) {
			out.useTransferSyntax(EXPLICIT);
			out.writeDataset(ds);
		}
		return bytes.toByteArray();
	}

	private static long usedHeap() {
		Runtime rt = Runtime.getRuntime();
		return rt.totalMemory() - rt.freeMemory();
	}

}
