package continuum.imaging.dicomweb;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The STOW-RS size limit holds whatever the request declared: a body up to the limit
 * reads whole, one byte more fails the read (the controller's 413).
 */
class LimitedInputStreamTests {

	@Test
	void readsUpToTheLimitAndFailsBeyondIt() throws Exception {
		assertThat(new LimitedInputStream(new ByteArrayInputStream(new byte[1000]), 1000).readAllBytes()).hasSize(1000);
		assertThatThrownBy(() -> new LimitedInputStream(new ByteArrayInputStream(new byte[1001]), 1000).readAllBytes())
			.isInstanceOf(LimitedInputStream.LimitExceededException.class);
		LimitedInputStream bytewise = new LimitedInputStream(new ByteArrayInputStream(new byte[3]), 2);
		bytewise.read();
		bytewise.read();
		assertThatThrownBy(bytewise::read).isInstanceOf(LimitedInputStream.LimitExceededException.class);
	}

}
