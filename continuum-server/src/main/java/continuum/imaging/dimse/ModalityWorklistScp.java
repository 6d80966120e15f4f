package continuum.imaging.dimse;

import java.util.Set;

import org.continuum.dicom.data.Uid;
import org.continuum.dicom.net.service.FindScp;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Modality Worklist Information Model – FIND SOP Class as SCP (PS3.4 Annex K): a
 * C-FIND service restricted to that one SOP class (the Query/Retrieve models are the
 * PACS's), answered by {@link WorklistFind} from the RIS tables.
 */
@Configuration(proxyBeanMethods = false)
class ModalityWorklistScp {

	@Bean
	FindScp modalityWorklistFindScp(WorklistFind handler) {
		return new FindScp(handler, Set.of(Uid.MODALITY_WORKLIST_FIND));
	}

}
