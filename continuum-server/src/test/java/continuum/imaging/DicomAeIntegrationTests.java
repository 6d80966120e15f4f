package continuum.imaging;

import java.util.concurrent.TimeUnit;

import continuum.ContinuumIntegrationTest;
import org.continuum.dicom.data.Uid;
import org.continuum.dicom.io.TransferSyntax;
import org.continuum.dicom.net.Association;
import org.continuum.dicom.net.AssociationRequest;
import org.continuum.dicom.net.AssociationSettings;
import org.continuum.dicom.net.service.EchoScu;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's DICOM AE answers verification from our own SCU and from dcmtk's
 * {@code echoscu}, on its own loopback port.
 */
@ContinuumIntegrationTest
class DicomAeIntegrationTests {

	@Autowired
	DicomAe ae;

	@Test
	void answersEchoFromTheLibrary() throws Exception {
		assertThat(ae.port()).isPositive();
		var rq = new AssociationRequest("TESTSCU", ae.aeTitle()).addContext(Uid.VERIFICATION,
				TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
		try (Association as = rq.connect("127.0.0.1", ae.port(), AssociationSettings.defaults("TESTSCU"))) {
			assertThat(EchoScu.echo(as)).isZero();
		}
	}

	@Test
	void answersEchoFromDcmtk() throws Exception {
		Process echo = new ProcessBuilder("echoscu", "-aet", "DCMTK", "-aec", ae.aeTitle(), "127.0.0.1",
				String.valueOf(ae.port()))
			.redirectErrorStream(true)
			.start();
		assertThat(echo.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(echo.getInputStream().readAllBytes());
		assertThat(echo.exitValue()).as(output).isZero();
	}

}
