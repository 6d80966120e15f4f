package continuum.imaging.dicomweb;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * DICOMweb's settings ({@code continuum.dicomweb.*}): the largest STOW-RS request taken
 * ({@code CONTINUUM_DICOMWEB_MAX_STORE_REQUEST_SIZE}, default 2GB); a larger one is
 * refused with 413.
 */
@Validated
@ConfigurationProperties("continuum.dicomweb")
record DicomWebSettings(@DefaultValue("2GB") DataSize maxStoreRequestSize) {

}
