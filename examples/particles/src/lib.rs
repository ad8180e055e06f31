//! The zero-copy sample: a particle system whose positions live in a [`Segment<f32>`] (x, y
//! pairs). Rust moves them in `step(dt)`; the page draws them from its segment view every frame,
//! reading wasm memory in place — no copy either way.

use std::cell::RefCell;

use slotwire::prelude::*;
use slotwire::Segment;

struct World {
    /// x0, y0, x1, y1, ...: what JS's view shows.
    pos: Segment<f32>,
    /// Velocities, in units per second (Rust's alone).
    vel: Vec<f32>,
    width: f32,
    height: f32,
}

thread_local! {
    static WORLD: RefCell<Option<World>> = const { RefCell::new(None) };
}

/// A small deterministic generator (xorshift32), so that runs can be compared.
fn next(seed: &mut u32) -> f32 {
    let mut x = *seed;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *seed = x;
    (x >> 8) as f32 / (1u32 << 24) as f32
}

/// `rt.exports.init(n, width, height, seed)`: `n` particles in a `width` × `height` box; returns
/// the positions as a segment view (the same buffer `step` moves). Replaces an earlier world.
#[js_export]
pub fn init(n: u32, width: f32, height: f32, seed: u32) -> Segment<f32> {
    let mut s = seed.max(1);
    let n = n as usize;
    let mut pos = Vec::with_capacity(2 * n);
    let mut vel = Vec::with_capacity(2 * n);
    for _ in 0..n {
        pos.push(next(&mut s) * width);
        pos.push(next(&mut s) * height);
        vel.push((next(&mut s) - 0.5) * 200.0);
        vel.push((next(&mut s) - 0.5) * 200.0);
    }
    let pos = Segment::from_vec(pos);
    let view = Segment::<f32>::from_handle(pos.handle()).expect("just made");
    WORLD.with(|w| {
        *w.borrow_mut() = Some(World {
            pos,
            vel,
            width,
            height,
        })
    });
    view
}

/// `rt.exports.step(dt)`: moves every particle by `dt` seconds, bouncing off the walls. Returns
/// how many particles there are (0 before `init`).
#[js_export]
pub fn step(dt: f32) -> u32 {
    WORLD.with(|w| {
        let mut w = w.borrow_mut();
        let Some(w) = w.as_mut() else { return 0 };
        let (width, height) = (w.width, w.height);
        let vel = &mut w.vel;
        w.pos.with_mut(|p| {
            for (xy, v) in p.chunks_exact_mut(2).zip(vel.chunks_exact_mut(2)) {
                for (k, limit) in [(0, width), (1, height)] {
                    xy[k] += v[k] * dt;
                    if xy[k] < 0.0 {
                        xy[k] = -xy[k];
                        v[k] = v[k].abs();
                    } else if xy[k] > limit {
                        xy[k] = 2.0 * limit - xy[k];
                        v[k] = -v[k].abs();
                    }
                }
            }
        });
        (vel.len() / 2) as u32
    })
}

/// `rt.exports.checksum()`: the sum of every coordinate, as Rust sees it (JS sums its view and
/// compares: the same bytes).
#[js_export]
pub fn checksum() -> f64 {
    WORLD.with(|w| {
        w.borrow().as_ref().map_or(0.0, |w| {
            w.pos.with(|p| p.iter().map(|&x| f64::from(x)).sum())
        })
    })
}
