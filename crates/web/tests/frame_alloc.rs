//! In steady state a frame allocates nothing on the Rust heap: playing (one
//! epoch, the metrics, the 100×100 grid, thumbnails, drawing three canvases),
//! dragging the probe, and animating a step.
#![cfg(target_arch = "wasm32")]

use lightbulb_web::Lightbulb;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlCanvasElement;

wasm_bindgen_test_configure!(run_in_browser);

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn canvas(id: &str, w: u32, h: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let body = document.query_selector("body").unwrap().unwrap();
    let html =
        format!(r#"<canvas id="{id}" style="width:{w}px;height:{h}px;display:block"></canvas>"#);
    body.insert_adjacent_html("beforeend", &html).unwrap();
    document.get_element_by_id(id).unwrap().dyn_into().unwrap()
}

#[wasm_bindgen_test]
fn frames_allocate_nothing_in_steady_state() {
    let mut lb = Lightbulb::new("layers=8,8&dataset=spiral&points=5000&train=90").unwrap();
    lb.attach(
        canvas("n", 640, 400),
        canvas("d", 300, 300),
        canvas("c", 300, 120),
    )
    .unwrap();
    // The counter counts: building the handle allocated.
    assert!(ALLOCATIONS.load(Ordering::Relaxed) > 0);
    let mut now = 0.0;
    // Warm-up: play long enough for the history to reach its capacity path,
    // move the probe, hover, and animate one step.
    lb.play().unwrap();
    for _ in 0..20 {
        now += 16.0;
        lb.frame(now).unwrap();
    }
    // Play on until the time-travel history is past its steady state (it
    // keeps the last HISTORY_STEPS steps plus one keyframe interval, at most
    // HISTORY_STEPS more): from then on its buffers are recycled.
    let settled = 4.0 * lightbulb_core::session::HISTORY_STEPS as f64;
    while lb.steps().unwrap() < settled {
        now += 16.0;
        lb.frame(now).unwrap();
    }
    lb.pause().unwrap();
    lb.step().unwrap();
    for _ in 0..120 {
        now += 16.0;
        lb.frame(now).unwrap();
    }
    let _ = lb.hover_network(200.0, 150.0).unwrap();

    let before = ALLOCATIONS.load(Ordering::Relaxed);
    lb.play().unwrap();
    for _ in 0..30 {
        now += 16.0;
        lb.frame(now).unwrap();
        let _ = lb.metric(0).unwrap();
        let _ = lb.revision().unwrap();
    }
    lb.pause().unwrap();
    let playing = ALLOCATIONS.load(Ordering::Relaxed) - before;

    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for i in 0..30 {
        now += 16.0;
        lb.set_input(-6.0 + 0.4 * f64::from(i), 2.0).unwrap();
        lb.frame(now).unwrap();
    }
    let dragging = ALLOCATIONS.load(Ordering::Relaxed) - before;

    web_sys::console::log_1(&format!("allocations: playing {playing}, dragging {dragging}").into());
    assert_eq!(playing, 0, "30 playing frames allocated {playing} times");
    assert_eq!(dragging, 0, "30 drag frames allocated {dragging} times");
}
