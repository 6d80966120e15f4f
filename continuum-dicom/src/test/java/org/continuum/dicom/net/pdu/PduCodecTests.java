package org.continuum.dicom.net.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.continuum.dicom.testing.Dcmtk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoding and decoding of every PDU type (PS3.8 §9.3), after dcm4che's PDUDecoderTest
 * and dicom-rs's round trips.
 */
class PduCodecTests {

	@TempDir
	Path dir;

	static byte[] encode(Pdu pdu) throws IOException {
		var out = new ByteArrayOutputStream();
		new PduWriter(out).write(pdu);
		return out.toByteArray();
	}

	static Pdu decode(byte[] bytes) throws IOException {
		return new PduReader(new ByteArrayInputStream(bytes), 16384).read();
	}

	static AAssociateRq sampleRequest() {
		return new AAssociateRq("STORESCP", "MODALITY", AAssociateRq.DICOM_APPLICATION_CONTEXT,
				List.of(new PresentationContext(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")),
						new PresentationContext(3, "1.2.840.10008.5.1.4.1.1.2",
								List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"))),
				new UserInformation(16384, "1.2.3.4", "TEST_1", 1, 1,
						List.of(new RoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true)),
						UserIdentity.usernameAndPasscode("nurse", "pw", true), null));
	}

	@Test
	void roundTripsEveryPduType() throws IOException {
		List<Pdu> pdus = List
			.of(sampleRequest(), new AAssociateAc("STORESCP", "MODALITY", AAssociateRq.DICOM_APPLICATION_CONTEXT, List
				.of(new PresentationContextResult(1, PresentationContextResult.Result.ACCEPTANCE, "1.2.840.10008.1.2"),
						new PresentationContextResult(3, PresentationContextResult.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED,
								"")),
					new UserInformation(0, "1.2.3.5", null, 0, 0, List.of(), null, new byte[0])),
					new AAssociateRj(false, AAssociateRj.Reason.LOCAL_LIMIT_EXCEEDED), new AReleaseRq(),
					new AReleaseRp(), AAbort.byProvider(AAbort.Reason.UNEXPECTED_PDU));
		for (Pdu pdu : pdus) {
			assertThat(decode(encode(pdu))).as(pdu.type().name()).isEqualTo(pdu);
		}
		var pdata = new PDataTf(List.of(PresentationDataValue.of(3, true, true, new byte[] { 1, 2, 3, 4 })));
		PDataTf back = (PDataTf) decode(encode(pdata));
		assertThat(back.values().get(0).copyOfData()).containsExactly(1, 2, 3, 4);
		assertThat(back.values().get(0).command()).isTrue();
		assertThat(back.values().get(0).last()).isTrue();
		assertThat(back.values().get(0).contextId()).isEqualTo(3);
	}

	@Test
	void encodesFixedPdusAsTheStandardLaysThemOut() throws IOException {
		// PS3.8 Table 9-21, 9-24, 9-25, 9-26: type, reserved, length 4, then the fields.
		assertThat(encode(new AAssociateRj(true, AAssociateRj.Reason.CALLED_AE_TITLE_NOT_RECOGNIZED)))
			.containsExactly(0x03, 0, 0, 0, 0, 4, 0, 1, 1, 7);
		assertThat(encode(new AReleaseRq())).containsExactly(0x05, 0, 0, 0, 0, 4, 0, 0, 0, 0);
		assertThat(encode(AAbort.byProvider(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE))).containsExactly(0x07, 0, 0, 0,
				0, 4, 0, 0, 2, 6);
		// PS3.8 Annex E: PDV item length 6 = context id + control header + 4 data bytes;
		// 0x02 = data, last.
		assertThat(encode(new PDataTf(List.of(PresentationDataValue.of(1, false, true, new byte[] { 9, 9, 9, 9 })))))
			.containsExactly(0x04, 0, 0, 0, 0, 10, 0, 0, 0, 6, 1, 0x02, 9, 9, 9, 9);
	}

	@Test
	void decodesAnAssociateRequestCapturedFromDcmtkEchoscu() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Process echoscu = Dcmtk.start(dir, "echoscu", "-to", "2", "-aet", "DCMTKSCU", "-aec", "CAPTURE",
					"127.0.0.1", Integer.toString(server.getLocalPort()));
			try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
				s.setTcpNoDelay(true);
				byte[] header = in.readNBytes(6);
				int length = (header[2] & 0xFF) << 24 | (header[3] & 0xFF) << 16 | (header[4] & 0xFF) << 8
						| (header[5] & 0xFF);
				byte[] captured = new byte[6 + length];
				System.arraycopy(header, 0, captured, 0, 6);
				System.arraycopy(in.readNBytes(length), 0, captured, 6, length);
				AAssociateRq rq = (AAssociateRq) decode(captured);
				assertThat(rq.callingAeTitle()).isEqualTo("DCMTKSCU");
				assertThat(rq.calledAeTitle()).isEqualTo("CAPTURE");
				assertThat(rq.applicationContext()).isEqualTo(AAssociateRq.DICOM_APPLICATION_CONTEXT);
				assertThat(rq.presentationContexts()).extracting(PresentationContext::abstractSyntax)
					.contains("1.2.840.10008.1.1");
				assertThat(rq.userInformation().implementationClassUid()).startsWith("1.2.276.0.7230010.3");
				assertThat(rq.userInformation().maxPduLength()).isEqualTo(16384);
				// dcmtk sends FFH in a reserved byte of each presentation context item,
				// which PS3.8 §9.3.2.2 says
				// receivers must not test; we write 00H, so compare decoded values, not
				// bytes.
				assertThat(encode(rq)).hasSameSizeAs(captured);
				assertThat(decode(encode(rq))).isEqualTo(rq);
			}
			finally {
				echoscu.destroy();
			}
		}
	}

	@Test
	void rejectsUnknownTypesOverlongPDataAndBadItemLengths() {
		assertThatThrownBy(() -> decode(new byte[] { 0x55, 0, 0, 0, 0, 0 })).isInstanceOfSatisfying(
				PduFormatException.class, e -> assertThat(e.abortReason()).isEqualTo(AAbort.Reason.UNRECOGNIZED_PDU));
		assertThatThrownBy(() -> decode(new byte[] { 0x04, 0, 0x40, 0, 0, 0 })).isInstanceOfSatisfying(
				PduFormatException.class,
				e -> assertThat(e.abortReason()).isEqualTo(AAbort.Reason.INVALID_PDU_PARAMETER_VALUE));
		assertThatThrownBy(() -> decode(new byte[] { 0x04, 0, 0, 0, 0, 6, 0, 0, 0x10, 0, 1, 2 }))
			.isInstanceOf(PduFormatException.class)
			.hasMessageContaining("PDV item length");
		byte[] rq = new byte[0];
		try {
			rq = encode(sampleRequest());
		}
		catch (IOException e) {
			throw new AssertionError(e);
		}
		rq[6 + 68 + 3] = (byte) 0xFF;
		byte[] corrupt = rq;
		assertThatThrownBy(() -> decode(corrupt)).isInstanceOf(PduFormatException.class);
	}

}
