//! The one handle table: every Rust value JS holds by number (closures, Rust objects, segments)
//! lives in a [`HandleTable`], and JS knows it by a [`Handle`]. The JS mirror is
//! `js-runtime/src/handles.js` (how a handle is read from and written to a slot).
//!
//! A handle names one entry for as long as it lives, and **never another one**: it is a slab key
//! plus a generation kept per slot, bumped every time the slot is freed. A slot whose 32-bit
//! generation is used up is retired (never handed out again), so a handle cannot alias another
//! entry, however often a slot is reused.
//!
//! ```text
//! handle = generation * 2^21 + key + 1        (an integer below 2^53: a JS number, exactly)
//! ```
//!
//! - the low [`HANDLE_KEY_BITS`] (21) bits are `key + 1`, never 0 (0 is "no handle");
//! - the 32 bits above them are the slot's generation.
//!
//! On the wasm ABI a handle travels as an `f64` ([`Handle::to_f64`] / [`Handle::from_f64`], exact
//! below 2^53); in a slot, as the 8 bytes of its `value` field ([`Handle::to_bits`]). JS never
//! needs a `BigInt` for it.
//!
//! ```
//! use slotwire::handles::{Handle, HandleTable};
//!
//! let mut t = HandleTable::new();
//! let a = t.insert("a").unwrap();
//! assert_eq!(t.get(a), Some(&"a"));
//! assert_eq!(t.remove(a), Some("a"));
//! let b = t.insert("b").unwrap();       // the same slot ...
//! assert_ne!(a, b);                      // ... a new handle
//! assert_eq!(t.get(a), None);            // the old one is stale: an error, never "b"
//! assert_eq!(Handle::from_f64(b.to_f64()), Some(b));
//! ```

use slab::Slab;

pub use crate::slot::HANDLE_KEY_BITS;

/// The mask of the key part of a handle (`key + 1`).
const KEY_MASK: u64 = (1 << HANDLE_KEY_BITS) - 1;

/// Keys a table hands out: `key + 1` must fit the key bits and not be all ones (kept free so the
/// largest handle stays below 2^53).
const MAX_KEYS: usize = (KEY_MASK as usize) - 1;

/// Every handle is below this (2^53: exactly representable as a JS number / `f64`).
///
/// ```
/// let h = slotwire::handles::Handle::from_bits(1).unwrap();
/// assert!(h.to_bits() < slotwire::handles::HANDLE_LIMIT);
/// ```
pub const HANDLE_LIMIT: u64 = 1 << (HANDLE_KEY_BITS + 32);

/// A handle JS holds: names one live entry of one [`HandleTable`], or none (stale / forged).
///
/// ```
/// use slotwire::handles::Handle;
/// assert_eq!(Handle::from_bits(0), None, "0 is no handle");
/// assert_eq!(Handle::from_bits(1 << 21), None, "key part 0 is no handle");
/// assert_eq!(Handle::from_bits(1 << 53), None, "not below 2^53");
/// assert_eq!(Handle::from_f64(0.5), None);
/// assert_eq!(Handle::from_f64(f64::NAN), None);
/// let h = Handle::from_bits(3 * (1 << 21) + 5).unwrap();
/// assert_eq!(h.to_f64(), 3.0 * 2097152.0 + 5.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Handle(u64);

impl Handle {
    /// The handle of `bits`, if they are one (not 0, key part not 0, below [`HANDLE_LIMIT`]).
    /// Whether it names a live entry only its table can say.
    ///
    /// ```
    /// use slotwire::handles::Handle;
    /// assert!(Handle::from_bits(0).is_none(), "0 names nothing");
    /// let h = Handle::from_bits(5).unwrap();
    /// assert_eq!(h.to_bits(), 5);
    /// ```
    #[inline]
    pub const fn from_bits(bits: u64) -> Option<Handle> {
        if bits >= HANDLE_LIMIT || bits & KEY_MASK == 0 {
            None
        } else {
            Some(Handle(bits))
        }
    }

    /// The handle as an integer below 2^53 (what a slot's `value` carries).
    ///
    /// ```
    /// let h = slotwire::handles::Handle::from_bits(42).unwrap();
    /// assert_eq!(h.to_bits(), 42);
    /// ```
    #[inline]
    pub const fn to_bits(self) -> u64 {
        self.0
    }

    /// The handle as a JS number (exact: it is below 2^53).
    ///
    /// ```
    /// let h = slotwire::handles::Handle::from_bits(42).unwrap();
    /// assert_eq!(h.to_f64(), 42.0);
    /// ```
    #[inline]
    pub fn to_f64(self) -> f64 {
        self.0 as f64
    }

    /// The handle a JS number stands for: `None` unless it is an integer that is a handle.
    ///
    /// ```
    /// use slotwire::handles::Handle;
    /// assert_eq!(Handle::from_f64(42.0).map(Handle::to_bits), Some(42));
    /// assert!(Handle::from_f64(1.5).is_none() && Handle::from_f64(-1.0).is_none());
    /// ```
    #[inline]
    pub fn from_f64(v: f64) -> Option<Handle> {
        // In range first: the cast saturates, and NaN fails both comparisons.
        if v >= 1.0 && v < HANDLE_LIMIT as f64 && v.fract() == 0.0 {
            Handle::from_bits(v as u64)
        } else {
            None
        }
    }

    #[inline]
    fn key(self) -> usize {
        ((self.0 & KEY_MASK) - 1) as usize
    }

    #[inline]
    fn generation(self) -> u32 {
        (self.0 >> HANDLE_KEY_BITS) as u32
    }

    #[inline]
    fn new(key: usize, generation: u32) -> Handle {
        Handle((u64::from(generation) << HANDLE_KEY_BITS) | (key as u64 + 1))
    }
}

impl core::fmt::Display for Handle {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}", self.0)
    }
}

enum Entry<T> {
    Live(T),
    /// A slot whose generations are used up: occupied forever, so never handed out again.
    Retired,
}

/// A generation-checked table over a [`slab::Slab`]: insert a value, get a [`Handle`]; the
/// handle finds the value until it is removed, and nothing after that.
///
/// ```
/// use slotwire::handles::HandleTable;
///
/// let mut t = HandleTable::new();
/// let h = t.insert(String::from("x")).unwrap();
/// t.get_mut(h).unwrap().push('y');
/// assert_eq!(t.get(h).map(String::as_str), Some("xy"));
/// assert_eq!(t.len(), 1);
/// assert_eq!(t.remove(h).as_deref(), Some("xy"));
/// assert_eq!(t.remove(h), None, "a second remove finds nothing");
/// assert!(t.is_empty());
/// ```
pub struct HandleTable<T> {
    slab: Slab<Entry<T>>,
    /// The generation of each slot's current (or next) occupant.
    generations: Vec<u32>,
    retired: usize,
}

impl<T> Default for HandleTable<T> {
    fn default() -> Self {
        HandleTable::new()
    }
}

impl<T> HandleTable<T> {
    /// An empty table (no allocation until the first insert).
    ///
    /// ```
    /// let t: slotwire::handles::HandleTable<String> = slotwire::handles::HandleTable::new();
    /// assert!(t.is_empty());
    /// ```
    pub const fn new() -> HandleTable<T> {
        HandleTable {
            slab: Slab::new(),
            generations: Vec::new(),
            retired: 0,
        }
    }

    /// Stores `value`; returns its handle, or `Err(value)` (the value comes back) when
    /// 2^21 - 2 entries are live already.
    ///
    /// ```
    /// let mut t = slotwire::handles::HandleTable::new();
    /// let a = t.insert(1).unwrap();
    /// let b = t.insert(2).unwrap();
    /// assert_ne!(a, b);
    /// ```
    pub fn insert(&mut self, value: T) -> Result<Handle, T> {
        let key = self.slab.vacant_key();
        if key >= MAX_KEYS {
            return Err(value);
        }
        if key == self.generations.len() {
            self.generations.push(0);
        }
        let generation = self.generations[key];
        let k = self.slab.insert(Entry::Live(value));
        debug_assert_eq!(k, key);
        Ok(Handle::new(key, generation))
    }

    /// The slab key of `handle`, if it names a live entry.
    #[inline]
    fn key_of(&self, handle: Handle) -> Option<usize> {
        let key = handle.key();
        let generation = *self.generations.get(key)?;
        match self.slab.get(key) {
            Some(Entry::Live(_)) if generation == handle.generation() => Some(key),
            _ => None,
        }
    }

    /// The value of `handle`, if it is live.
    ///
    /// ```
    /// let mut t = slotwire::handles::HandleTable::new();
    /// let h = t.insert("a").unwrap();
    /// assert_eq!(t.get(h), Some(&"a"));
    /// t.remove(h);
    /// assert_eq!(t.get(h), None, "a stale handle names nothing");
    /// ```
    #[inline]
    pub fn get(&self, handle: Handle) -> Option<&T> {
        match self.slab.get(self.key_of(handle)?) {
            Some(Entry::Live(v)) => Some(v),
            _ => None,
        }
    }

    /// The value of `handle`, mutably, if it is live.
    ///
    /// ```
    /// let mut t = slotwire::handles::HandleTable::new();
    /// let h = t.insert(1).unwrap();
    /// *t.get_mut(h).unwrap() += 1;
    /// assert_eq!(t.get(h), Some(&2));
    /// ```
    #[inline]
    pub fn get_mut(&mut self, handle: Handle) -> Option<&mut T> {
        let key = self.key_of(handle)?;
        match self.slab.get_mut(key) {
            Some(Entry::Live(v)) => Some(v),
            _ => None,
        }
    }

    /// Whether `handle` names a live entry.
    ///
    /// ```
    /// let mut t = slotwire::handles::HandleTable::new();
    /// let h = t.insert(()).unwrap();
    /// assert!(t.contains(h));
    /// t.remove(h);
    /// assert!(!t.contains(h));
    /// ```
    #[inline]
    pub fn contains(&self, handle: Handle) -> bool {
        self.key_of(handle).is_some()
    }

    /// Takes the value of `handle` out; the handle (and every older one of its slot) is stale
    /// from now on. `None` if it was not live.
    ///
    /// ```
    /// let mut t = slotwire::handles::HandleTable::new();
    /// let h = t.insert('x').unwrap();
    /// assert_eq!(t.remove(h), Some('x'));
    /// assert_eq!(t.remove(h), None);
    /// ```
    pub fn remove(&mut self, handle: Handle) -> Option<T> {
        let key = self.key_of(handle)?;
        let generation = &mut self.generations[key];
        let old = if *generation == u32::MAX {
            // Every generation of this slot has been used: retire it rather than wrap.
            self.retired += 1;
            core::mem::replace(&mut self.slab[key], Entry::Retired)
        } else {
            *generation += 1;
            self.slab.remove(key)
        };
        match old {
            Entry::Live(v) => Some(v),
            Entry::Retired => unreachable!("key_of only finds live entries"),
        }
    }

    /// Number of live entries (what [`crate::census`] reports).
    ///
    /// ```
    /// let mut t = slotwire::handles::HandleTable::new();
    /// t.insert(()).unwrap();
    /// assert_eq!(t.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.slab.len() - self.retired
    }

    /// Whether no entry is live.
    ///
    /// ```
    /// assert!(slotwire::handles::HandleTable::<u8>::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sets the generation of the slot `handle` would use next (tests of retirement).
    #[cfg(test)]
    fn set_next_generation(&mut self, generation: u32) {
        let key = self.slab.vacant_key();
        if key == self.generations.len() {
            self.generations.push(0);
        }
        self.generations[key] = generation;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slot_reused_2_pow_16_plus_1_times_never_answers_an_old_handle() {
        let mut t = HandleTable::new();
        let mut old = Vec::with_capacity((1 << 16) + 1);
        for i in 0..(1u32 << 16) + 1 {
            let h = t.insert(i).unwrap();
            assert_eq!(h.key(), 0, "one slot");
            assert_eq!(t.remove(h), Some(i));
            old.push(h);
        }
        let live = t.insert(u32::MAX).unwrap();
        for h in &old {
            assert_eq!(t.get(*h), None, "{h}");
            assert!(!t.contains(*h));
            assert_eq!(t.get_mut(*h), None);
            assert_eq!(t.remove(*h), None);
        }
        assert_eq!(t.get(live), Some(&u32::MAX));
        let mut sorted = old.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), old.len(), "every handle distinct");
        assert!(old.iter().all(|h| h.to_bits() < HANDLE_LIMIT));
    }

    #[test]
    fn a_slot_whose_generations_are_used_up_is_retired_not_wrapped() {
        let mut t = HandleTable::new();
        t.set_next_generation(u32::MAX - 1);
        let a = t.insert('a').unwrap();
        assert_eq!(a.generation(), u32::MAX - 1);
        t.remove(a);
        let b = t.insert('b').unwrap();
        assert_eq!((b.key(), b.generation()), (a.key(), u32::MAX));
        assert!(
            b.to_bits() < HANDLE_LIMIT,
            "the largest handle is a safe integer"
        );
        assert_eq!(t.remove(b), Some('b'));
        // Generation 0 of that slot is never handed out again.
        let c = t.insert('c').unwrap();
        assert_ne!(c.key(), a.key(), "the used-up slot is retired");
        assert_eq!(t.len(), 1, "a retired slot is not live");
        for h in [a, b, Handle::new(a.key(), 0)] {
            assert_eq!(t.get(h), None);
            assert_eq!(t.remove(h), None);
        }
        assert_eq!(t.remove(c), Some('c'));
        assert!(t.is_empty());
    }

    #[test]
    fn forged_handles_find_nothing() {
        let mut t = HandleTable::new();
        let h = t.insert(1u8).unwrap();
        for bits in [
            0u64,
            1 << HANDLE_KEY_BITS,
            h.to_bits() + 1,
            h.to_bits() + (1 << HANDLE_KEY_BITS),
            KEY_MASK,
            HANDLE_LIMIT - 1,
        ] {
            if let Some(f) = Handle::from_bits(bits) {
                assert_eq!(t.get(f), None, "{bits:#x}");
            }
        }
        for bad in [HANDLE_LIMIT, u64::MAX] {
            assert_eq!(Handle::from_bits(bad), None);
        }
        for v in [
            -1.0,
            0.0,
            1.5,
            f64::INFINITY,
            f64::NAN,
            2f64.powi(53),
            1e300,
        ] {
            assert_eq!(Handle::from_f64(v), None, "{v}");
        }
        assert_eq!(Handle::from_f64(h.to_f64()), Some(h));
        assert_eq!(t.get(h), Some(&1));
    }

    #[test]
    fn handles_are_exact_as_f64() {
        for bits in [
            1u64,
            KEY_MASK - 1,
            HANDLE_LIMIT - 2,
            (u64::from(u32::MAX) << HANDLE_KEY_BITS) | 7,
        ] {
            let h = Handle::from_bits(bits).unwrap();
            assert_eq!(Handle::from_f64(h.to_f64()), Some(h));
        }
    }

    #[test]
    fn a_full_table_refuses_and_gives_the_value_back() {
        let mut t = HandleTable::new();
        let mut hs = Vec::new();
        while let Ok(h) = t.insert(()) {
            hs.push(h);
        }
        assert_eq!(hs.len(), MAX_KEYS);
        assert_eq!(t.insert(()), Err(()));
        assert!(hs.iter().all(|h| h.to_bits() < HANDLE_LIMIT));
        t.remove(hs[7]);
        assert!(t.insert(()).is_ok());
    }
}
