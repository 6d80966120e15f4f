package org.continuum.dicom.tool;

/** {@code findscu}: placeholder until C-FIND SCU lands; reports that it is not available. */
final class FindScuCommand implements Command {

    @Override
    public String name() {
        return "findscu";
    }

    @Override
    public String help() {
        return "usage: findscu (not yet implemented)";
    }

    @Override
    public int run(String[] args) throws UsageException {
        throw new UsageException("findscu is not implemented yet");
    }
}
