package continuum.imaging.dimse;

import continuum.imaging.DicomPeer;
import continuum.imaging.PerformedStepService;
import org.continuum.dicom.net.service.MppsScp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Modality Performed Procedure Step SOP Class as SCP (PS3.4 Annex F, IHE SWF.b
 * RAD-6/RAD-7): the library's {@link MppsScp} checks each N-CREATE and N-SET, and
 * {@link PerformedStepService} stores the instance and moves the step in one transaction;
 * a known peer without the MPPS right gets 0124.
 */
@Configuration(proxyBeanMethods = false)
class ModalityPerformedProcedureStepScp {

	@Bean
	MppsScp mppsScp(PerformedStepService performedSteps, PeerChecks checks) {
		return new MppsScp(request -> {
			checks.require(request.callingAeTitle(), DicomPeer.Operation.MPPS);
			performedSteps.apply(request);
		});
	}

}
