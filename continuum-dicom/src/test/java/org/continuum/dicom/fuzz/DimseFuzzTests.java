package org.continuum.dicom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.continuum.dicom.data.Attributes;
import org.continuum.dicom.data.Tag;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.data.VR;
import org.continuum.dicom.io.DicomInputStream;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.DimseMessage;
import org.continuum.dicom.net.Status;
import org.continuum.dicom.net.service.EchoScp;
import org.continuum.dicom.net.service.EchoScu;
import org.continuum.dicom.net.service.FindScp;
import org.continuum.dicom.net.service.GetScp;
import org.continuum.dicom.net.service.StoreScp;
import org.continuum.dicom.testing.TestScp;

/**
 * Fuzzes our SCP with random DIMSE messages on a real association: arbitrary command
 * fields, message ids, SOP classes, data set flags and data set bytes. Each must end in a
 * response or an A-ABORT, never a hang, and a new association must still be served
 * afterwards.
 */
class DimseFuzzTests {

	private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

	private static TestScp scp;

	record Message(int commandField, int messageId, String sopClass, boolean dataSet, byte[] data) {
	}

	@BeforeContainer
	static void startScp() throws IOException {
		var settings = AssociationSettings.defaults("FUZZ").withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
		scp = new TestScp(settings, new EchoScp(), new StoreScp(request -> {
			DicomInputStream.forDataset(request.dataSet(), request.transferSyntax()).readDataset();
			return Status.SUCCESS;
		}), new FindScp(request -> List.<Attributes>of().iterator()), new GetScp(request -> List.of()));
	}

	@AfterContainer
	static void stopScp() throws IOException {
		scp.close();
	}

	@Provide
	Arbitrary<Message> messages() {
		Arbitrary<Integer> fields = Arbitraries.oneOf(
				Arbitraries.of(0x0001, 0x0010, 0x0020, 0x0021, 0x0030, 0x0FFF, 0x8001, 0x8030, 0x0100, 0x0130),
				Arbitraries.integers().between(0, 0xFFFF));
		Arbitrary<String> sopClasses = Arbitraries.of(Uid.VERIFICATION, Uid.CT_IMAGE_STORAGE, Uid.STUDY_ROOT_QR_FIND,
				Uid.STUDY_ROOT_QR_GET, "1.2.3.4", "");
		Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
		return Combinators
			.combine(fields, Arbitraries.integers().between(0, 0xFFFF), sopClasses, Arbitraries.of(true, false), data)
			.as(Message::new);
	}

	@Property(tries = 150)
	void everyMessageEndsInAResponseOrAnAbort(@ForAll("messages") Message m) throws IOException {
		var rq = new AssociationRequest("FUZZER", "FUZZ").addContext(Uid.VERIFICATION, EXPLICIT)
			.addContext(Uid.CT_IMAGE_STORAGE, EXPLICIT)
			.addContext(Uid.STUDY_ROOT_QR_FIND, EXPLICIT)
			.addContext(Uid.STUDY_ROOT_QR_GET, EXPLICIT);
		var settings = AssociationSettings.defaults("FUZZER")
			.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
		try (Association as = rq.connect("127.0.0.1", scp.port(), settings)) {
			int pc = as.acceptedContext(m.sopClass().isEmpty() ? Uid.VERIFICATION : m.sopClass()) == null ? 1
					: as.acceptedContext(m.sopClass().isEmpty() ? Uid.VERIFICATION : m.sopClass()).id();
			Attributes cmd = new Attributes();
			cmd.setString(Tag.AffectedSOPClassUID, VR.UI, m.sopClass());
			cmd.setInt(Tag.CommandField, VR.US, m.commandField());
			cmd.setInt(Tag.MessageID, VR.US, m.messageId());
			cmd.setString(Tag.AffectedSOPInstanceUID, VR.UI, "1.2.3");
			cmd.setInt(Tag.CommandDataSetType, VR.US, m.dataSet() ? 0 : 0x0101);
			as.send(pc, cmd, m.dataSet() ? out -> out.write(m.data()) : null);
			boolean expectsAnswer = (m.commandField() & 0x8000) == 0 && m.commandField() != 0x0FFF;
			if (expectsAnswer) {
				DimseMessage rsp = as.receive();
				assertThat(rsp).isNotNull();
				assertThat(rsp.commandField() == null || !rsp.commandField().isRequest()).isTrue();
			}
		}
		catch (IOException abortedOrRejected) {
			assertThat(abortedOrRejected).isNotNull();
		}
		var echo = new AssociationRequest("FUZZER", "FUZZ").addContext(Uid.VERIFICATION, EXPLICIT);
		try (Association as = echo.connect("127.0.0.1", scp.port(), settings)) {
			assertThat(EchoScu.echo(as)).isZero();
		}
	}

}
