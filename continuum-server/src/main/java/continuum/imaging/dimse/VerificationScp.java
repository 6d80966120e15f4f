package continuum.imaging.dimse;

import org.continuum.dicom.net.service.EchoScp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Verification SOP Class as SCP (PS3.4 Annex A): C-ECHO, so peers can test the link.
 */
@Configuration(proxyBeanMethods = false)
class VerificationScp {

	@Bean
	EchoScp echoScp() {
		return new EchoScp();
	}

}
