package org.continuum.dicom.tool;

/** {@code getscu}: placeholder until C-GET SCU lands; reports that it is not available. */
final class GetScuCommand implements Command {

    @Override
    public String name() {
        return "getscu";
    }

    @Override
    public String help() {
        return "usage: getscu (not yet implemented)";
    }

    @Override
    public int run(String[] args) throws UsageException {
        throw new UsageException("getscu is not implemented yet");
    }
}
