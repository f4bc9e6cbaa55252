package dev.hil.core.run;

import dev.hil.core.image.FirmwareImage;
import dev.hil.core.timeline.TimelineEvent;

/** Sends an image through the update protocol, with acknowledged progress on the timeline. */
final class ImageUpload {
    private final CaseRun run;

    ImageUpload(CaseRun run) {
        this.run = run;
    }

    void send(FirmwareImage image) {
        long[] last = {-1};
        run.timeline.record(new TimelineEvent.UploadStarted(image.size()));
        run.device().upload(image, acked -> {
            run.timeline.record(new TimelineEvent.UploadAcked(acked, image.size()));
            if (run.faults.interruptingFired(0)) {
                // A reset leaves the link up, so the restarted device may answer a re-sent chunk
                // (off=0) and the client would upload it all again: it gives up, as after a power cut.
                throw new ArmedFaults.Landed("the update client gives up: the device answered again after "
                        + "a fault that interrupts the update (acknowledged offset " + acked + ")");
            }
            // A progress line every 10 % keeps the transcript readable.
            long decile = acked * 10 / Math.max(1, image.size());
            if (decile != last[0]) {
                last[0] = decile;
                run.progress.accept("upload " + acked + "/" + image.size() + " B");
            }
        });
    }
}
