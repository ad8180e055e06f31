// slotwire's JS runtime (js-runtime/src bundled by js-runtime/build/bundle.mjs; do not edit:
// change js-runtime/src and run `node js-runtime/build/bundle.mjs`).
import{runtimes as E}from"./slotwire.js";import{resolveTarget as tt}from"./slotwire.js";import{compile as D}from"./slotwire.js";import{accessCall as I,reflectApply as M}from"./slotwire.js";import{SlotwireError as k}from"./slotwire.js";import{checkObject as C}from"./slotwire.js";import{decodeUtf8 as A}from"./slotwire.js";import{features as J,views as K}from"./slotwire.js";import{NULLABLE as q,T as s,typeName as N}from"./slotwire.js";import{spanType as v}from"./slotwire.js";var G=2147483648,Q=2147483648,L=new ArrayBuffer(8),R=new Uint32Array(L),O=new Float64Array(L),B=new Set([s.i8,s.u8,s.i16,s.u16,s.i32,s.isize,s.u32,s.usize]);function W(t){if((t&q)!==0)return!1;let c=v(t);return c!==null?c.readOnly?c.t.code!==s.u64&&c.t.code!==s.i64:!1:B.has(t)||t===s.f32||t===s.f64||t===s.bool||t===s.char||t===s.string||t===s.object}function T(t,c,u,a){if((u&Q)===0)return A(t.u8,a+c,u);u&=2147483647;let n=t.batchStrings??(t.batchStrings=new Map),i=n.get(c);if(i!==void 0&&i.length===u)return i.s;let o=A(t.u8,c,u);return n.set(c,{length:u,s:o}),o}function P(t,c,u,a,n){if((c&G)===0)return t.objects.get(c,n);let i=a.objs[t.u32[u+(c&2147483647)]];if(i===void 0)throw new k(`${n}: a placeholder whose call made no object`);return i}function x(t,c,u,a,n,i,o){let e=[],h=[],l=[],d=n.map((r,w)=>`${a}: argument ${w+1} (${N(r)})`);i===s.object&&e.push("const rw = p++;"),n.forEach((r,w)=>{let p=`a${w}`;h.push(p);let S=v(r);if(S!==null){let j=`t${t}_${l.length}`;e.push(`const ${p} = sv(h.memory, arena + u32[p], u32[p + 1], ${j}, true, h[${j}.name]); p += 2;`),l.push({a:p,t:j,type:S.t})}else if(B.has(r)){let j=r===s.i8||r===s.i16||r===s.i32||r===s.isize;e.push(`const ${p} = ${j?"u32[p++] | 0":"u32[p++]"};`)}else r===s.bool?e.push(`const ${p} = u32[p++] !== 0;`):r===s.char?e.push(`const ${p} = String.fromCodePoint(u32[p++]);`):r===s.f32||r===s.f64?e.push(`sc32[0] = u32[p]; sc32[1] = u32[p + 1]; p += 2; const ${p} = sc64[0];`):r===s.string?e.push(`const ${p} = str(h, u32[p], u32[p + 1], arena); p += 2;`):e.push(`const ${p} = obj(h, u32[p++], base, st, whats${t}[${w}]);`)});let b=I(o,h)??(u===void 0?`fn${t}(${h.join(", ")})`:`fn${t}.call(self${t}${h.map(r=>`, ${r}`).join("")})`),f=i===s.object?` const o = checkObject(r, what${t}); h.check(); h.u32[rw] = st.objs.push(o) - 1;`:"",y=l.length===0?[`const r = ${b};${f}`]:["try {",`  const r = ${b};${f}`,"} finally {",`  ${l.map(r=>`${r.a}.dispose();`).join(" ")}`,"}"],$=[`fn${t}`,`self${t}`,`whats${t}`,`what${t}`,...l.map(r=>r.t)],g=`${a}: result`,m=[c,u,d,g,...l.map(r=>r.type)];return{lines:[...e,...y],names:$,values:m,whats:d,what:g}}function z(t,c,u,a){let n=`
${a}`;return`for (;;) {${n}  ${c.join(`${n}  `)}${n}  k++;${n}  // The call may have grown memory (detaching the views).${n}  if (u32.length === 0) u32 = (h.refresh(), h.u32);${n}  if (p >= end || u32[p] !== ${t}) ${u}${n}  p++;${n}}`}var U=["str","obj","checkObject","sv","sc32","sc64","SlotwireError"],_=()=>[T,P,C,J.views?.spanView,R,O,k];function H(t,c,u,a,n,i,o,e=void 0){for(let f of i)if(!W(f))throw new k(`${n}: a batched call cannot take ${N(f)}`);if(o!==s.void&&o!==s.object)throw new k(`${n}: a batched call returns nothing or a JsObject`);let h=x("",u,a,n,i,o,e),l=`return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      ${z("id",h.lines,"return p;","      ")}
    } finally {
      st.k += k;
    }
  };`,d=D(["id",...U,...h.names],l,[c,..._(),...h.values]),b=d??X(u,a,i,o,h.whats,h.what);return b.batchCall=d===null?null:{fn:u,self:a,where:n,params:i,ret:o,access:e},b}function X(t,c,u,a,n,i){return(o,e,h,l,d,b)=>{o.check();let f=o.u32,y=a===s.object?e++:-1,$=[],g=[];for(let m=0;m<u.length;m++){let r=u[m],w=v(r);if(w!==null){let p=K("batch").spanView(o.memory,l+f[e],f[e+1],w.t,!0,o[w.t.name]);g.push(p),$.push(p),e+=2}else if(B.has(r)){let p=r===s.i8||r===s.i16||r===s.i32||r===s.isize;$.push(p?f[e++]|0:f[e++])}else r===s.bool?$.push(f[e++]!==0):r===s.char?$.push(String.fromCodePoint(f[e++])):r===s.f32||r===s.f64?(R[0]=f[e],R[1]=f[e+1],$.push(O[0]),e+=2):r===s.string?($.push(T(o,f[e],f[e+1],l)),e+=2):$.push(P(o,f[e++],h,b,n[m]))}try{let m=M(t,c,$);if(y>=0){o.check();let r=C(m,i);o.check(),o.u32[y]=b.objs.push(r)-1}}finally{for(let m of g)m.dispose()}return b.k++,e}}var Y=64;function Z(t){let c=t.batchDecoders,u=["decoders",...U],a=[c,..._()],n=[];for(let o=0;o<c.length&&o<Y;o++){let e=c[o].batchCall;if(e===null)return null;let h=x(`_${o}`,e.fn,e.self,e.where,e.params,e.ret,e.access);u.push(...h.names),a.push(...h.values),n.push(`case ${o}:
          ${z(o,h.lines,"break;","          ")}
          continue;`)}let i=`return function batchRunner(h, p, base, arena, end, st) {
    h.check();
    let u32 = h.u32;
    // Calls that ran; -1 while a decoder runs (it counts in st.k itself).
    let k = st.k;
    try {
      while (p < end) {
        switch (u32[p++]) {
        ${n.join(`
        `)}
        default: {
          const d = decoders[u32[p - 1]];
          if (d === undefined) throw new SlotwireError(\`batch: \${u32[p - 1]} is not a batched binding\`);
          st.k = k;
          k = -1;
          p = d(h, p, base, arena, end, st);
          k = st.k;
          u32 = h.u32;
          continue;
        }
        }
      }
    } finally {
      if (k >= 0) st.k = k;
    }
  };`;return D(u,i,a)}function V(t,c,u,a){t.batchPending=!1;let n=t.heap,i=c>>>2,o=i+u,e={k:0,objs:[]};t.batchResults.push(e.objs),n.objects.hold();try{if(t.batchRunner===null&&(t.batchRunner=Z(t)??!1),t.batchRunner!==!1)return t.batchRunner(n,i,i,a,o,e),-1;let h=t.batchDecoders,l=i;for(;l<o;){n.u8.length===0&&n.refresh();let d=n.u32[l],b=h[d];if(b===void 0)throw new k(`batch: ${d} is not a batched binding`);l=b(n,l+1,i,a,o,e)}return-1}catch(h){return t.reportFast(h),e.k}finally{n.objects.unhold()}}function F(t,c,u){let a=t.batchResults.pop();if(a===void 0)throw new k("batch: results kept for no run");let n=t.heap;n.check();let i=c>>>2;for(let o=0;o<u.length;o++){let e=i+u[o],h=a[n.u32[e]];if(h===void 0)throw new k("batch: a kept result that no call made");n.u32[e]=n.objects.toHandle(h)}}function pt(t,c,u,a,n){let i=E[t],{fn:o,self:e,where:h,access:l}=tt(i,c,u,a.length),d=i.batchDecoders.length;return i.batchDecoders.push(H(i,d,o,e,h,Array.from(a),n,l)),i.batchRunner=null,d}function dt(t,c,u,a){return V(E[t],c,u,a)}function bt(t,c,u){F(E[t],c,u)}export{pt as swBindBatch,bt as swKeepBatchResults,dt as swRunBatch};
