//! When a read of the whole workspace may be shown. A read takes a while on a large
//! province; an edit saved meanwhile (a tick, a set adopted) is not in it. Shown, it would
//! put the page back as it was before the tap — the box just ticked goes blank until the
//! next read — or wipe an assessment patched into the workspace. So a read is shown only
//! if no edit was saved or being saved while it ran; otherwise it is read again once the
//! edits are done.

/// What to do with a finished workspace read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadVerdict {
    /// Show it.
    Show,
    /// Drop it: a later read was asked for and will be shown.
    Overtaken,
    /// Drop it and read again now: an edit finished while it ran.
    ReadAgain,
    /// Drop it; read again when the edits in flight are done.
    ReadAfterEdits,
}

/// Edits in flight and a count of edit starts and ends, which a read notes when it starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EditGate {
    in_flight: u32,
    epoch: u64,
    /// The read version dropped while edits were in flight.
    dropped: Option<u64>,
}

impl EditGate {
    /// What a read notes when it starts.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    pub fn edit_started(&mut self) {
        self.in_flight += 1;
        self.epoch += 1;
    }

    /// An edit ended (saved or failed). Returns the version of a read dropped meanwhile,
    /// once the last edit is done: read again if no later read was asked for since.
    pub fn edit_finished(&mut self) -> Option<u64> {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.epoch += 1;
        if self.in_flight == 0 {
            self.dropped.take()
        } else {
            None
        }
    }

    /// A read asked for as `version`, started at `epoch`, has finished; `current` is the
    /// latest version asked for.
    pub fn verdict(&mut self, version: u64, epoch: u64, current: u64) -> ReadVerdict {
        if version != current {
            return ReadVerdict::Overtaken;
        }
        if self.in_flight > 0 {
            self.dropped = Some(version);
            return ReadVerdict::ReadAfterEdits;
        }
        if epoch != self.epoch {
            return ReadVerdict::ReadAgain;
        }
        ReadVerdict::Show
    }
}
