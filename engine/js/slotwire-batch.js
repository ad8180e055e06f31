// slotwire's JS runtime (js-runtime/src bundled by js-runtime/build/bundle.mjs; do not edit:
// change js-runtime/src and run `node js-runtime/build/bundle.mjs`).
import{runtimes as E}from"./slotwire.js";import{resolveTarget as tt}from"./slotwire.js";import{compile as D}from"./slotwire.js";import{accessCall as I,reflectApply as M}from"./slotwire.js";import{SlotwireError as k}from"./slotwire.js";import{checkObject as C}from"./slotwire.js";import{decodeUtf8 as A}from"./slotwire.js";import{features as J,views as K}from"./slotwire.js";import{NULLABLE as q,T as o,typeName as N}from"./slotwire.js";import{spanType as v}from"./slotwire.js";var G=2147483648,Q=2147483648,L=new ArrayBuffer(8),R=new Uint32Array(L),O=new Float64Array(L),B=new Set([o.i8,o.u8,o.i16,o.u16,o.i32,o.isize,o.u32,o.usize]);function W(t){if((t&q)!==0)return!1;let c=v(t);return c!==null?c.readOnly?c.t.code!==o.u64&&c.t.code!==o.i64:!1:B.has(t)||t===o.f32||t===o.f64||t===o.bool||t===o.char||t===o.string||t===o.object}function T(t,c,u,i){if((u&Q)===0)return A(t.u8,i+c,u);u&=2147483647;let n=t.batchStrings??(t.batchStrings=new Map),a=n.get(c);if(a!==void 0&&a.length===u)return a.s;let s=A(t.u8,c,u);return n.set(c,{length:u,s}),s}function P(t,c,u,i,n){if((c&G)===0)return t.objects.get(c,n);let a=i.objs[t.u32[u+(c&2147483647)]];if(a===void 0)throw new k(`${n}: a placeholder whose call made no object`);return a}function x(t,c,u,i,n,a,s){let e=[],h=[],l=[],b=n.map((r,w)=>`${i}: argument ${w+1} (${N(r)})`);a===o.object&&e.push("const rw = p++;"),n.forEach((r,w)=>{let d=`a${w}`;h.push(d);let S=v(r);if(S!==null){let j=`t${t}_${l.length}`;e.push(`const ${d} = sv(h.memory, arena + u32[p], u32[p + 1], ${j}, true, h[${j}.name]); p += 2;`),l.push({a:d,t:j,type:S.t})}else if(B.has(r)){let j=r===o.i8||r===o.i16||r===o.i32||r===o.isize;e.push(`const ${d} = ${j?"u32[p++] | 0":"u32[p++]"};`)}else r===o.bool?e.push(`const ${d} = u32[p++] !== 0;`):r===o.char?e.push(`const ${d} = String.fromCodePoint(u32[p++]);`):r===o.f32||r===o.f64?e.push(`sc32[0] = u32[p]; sc32[1] = u32[p + 1]; p += 2; const ${d} = sc64[0];`):r===o.string?e.push(`const ${d} = str(h, u32[p], u32[p + 1], arena); p += 2;`):e.push(`const ${d} = obj(h, u32[p++], base, st, whats${t}[${w}]);`)});let p=I(s,h)??(u===void 0?`fn${t}(${h.join(", ")})`:`fn${t}.call(self${t}${h.map(r=>`, ${r}`).join("")})`),f=a===o.object?` const o = checkObject(r, what${t}); h.check(); h.u32[rw] = st.objs.push(o) - 1;`:"",y=l.length===0?[`const r = ${p};${f}`]:["try {",`  const r = ${p};${f}`,"} finally {",`  ${l.map(r=>`${r.a}.dispose();`).join(" ")}`,"}"],$=[`fn${t}`,`self${t}`,`whats${t}`,`what${t}`,...l.map(r=>r.t)],g=`${i}: result`,m=[c,u,b,g,...l.map(r=>r.type)];return{lines:[...e,...y],names:$,values:m,whats:b,what:g}}function z(t,c,u,i){let n=`
${i}`;return`for (;;) {${n}  ${c.join(`${n}  `)}${n}  k++;${n}  // The call may have grown memory (detaching the views).${n}  if (u32.length === 0) u32 = (h.refresh(), h.u32);${n}  if (p >= end || u32[p] !== ${t}) ${u}${n}  p++;${n}}`}var U=["str","obj","checkObject","sv","sc32","sc64","SlotwireError"],_=()=>[T,P,C,J.views?.spanView,R,O,k];function H(t,c,u,i,n,a,s,e=void 0){for(let f of a)if(!W(f))throw new k(`${n}: a batched call cannot take ${N(f)}`);if(s!==o.void&&s!==o.object)throw new k(`${n}: a batched call returns nothing or a JsObject`);let h=x("",u,i,n,a,s,e),l=`return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      ${z("id",h.lines,"return p;","      ")}
    } finally {
      st.k += k;
    }
  };`,b=D(["id",...U,...h.names],l,[c,..._(),...h.values]),p=b??X(u,i,a,s,h.whats,h.what);return p.batchCall=b===null?null:{fn:u,self:i,where:n,params:a,ret:s,access:e},p}function X(t,c,u,i,n,a){return(s,e,h,l,b,p)=>{s.check();let f=s.u32,y=i===o.object?e++:-1,$=[],g=[];for(let m=0;m<u.length;m++){let r=u[m],w=v(r);if(w!==null){let d=K("batch").spanView(s.memory,l+f[e],f[e+1],w.t,!0,s[w.t.name]);g.push(d),$.push(d),e+=2}else if(B.has(r)){let d=r===o.i8||r===o.i16||r===o.i32||r===o.isize;$.push(d?f[e++]|0:f[e++])}else r===o.bool?$.push(f[e++]!==0):r===o.char?$.push(String.fromCodePoint(f[e++])):r===o.f32||r===o.f64?(R[0]=f[e],R[1]=f[e+1],$.push(O[0]),e+=2):r===o.string?($.push(T(s,f[e],f[e+1],l)),e+=2):$.push(P(s,f[e++],h,p,n[m]))}try{let m=M(t,c,$);if(y>=0){s.check();let r=C(m,a);s.check(),s.u32[y]=p.objs.push(r)-1}}finally{for(let m of g)m.dispose()}return p.k++,e}}var Y=64;function Z(t){let c=t.batchDecoders,u=["decoders",...U],i=[c,..._()],n=[];for(let s=0;s<c.length&&s<Y;s++){let e=c[s].batchCall;if(e===null)return null;let h=x(`_${s}`,e.fn,e.self,e.where,e.params,e.ret,e.access);u.push(...h.names),i.push(...h.values),n.push(`case ${s}:
          ${z(s,h.lines,"break;","          ")}
          continue;`)}let a=`return function batchRunner(h, p, base, arena, end, st) {
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
  };`;return D(u,a,i)}function V(t,c,u,i){t.batchPending=!1;let n=t.heap,a=c>>>2,s=a+u,e={k:0,objs:[]};t.batchResults.push(e.objs),n.objects.hold();try{if(t.batchRunner===null&&(t.batchRunner=Z(t)??!1),t.batchRunner!==!1)return t.batchRunner(n,a,a,i,s,e),-1;let h=t.batchDecoders,l=a;for(;l<s;){n.u8.length===0&&n.refresh();let b=n.u32[l],p=h[b];if(p===void 0)throw new k(`batch: ${b} is not a batched binding`);l=p(n,l+1,a,i,s,e)}return-1}catch(h){return t.reportFast(h),e.k}finally{n.objects.unhold()}}function F(t,c,u){let i=t.batchResults.pop();if(i===void 0)throw new k("batch: results kept for no run");let n=t.heap;n.check();let a=c>>>2;for(let s=0;s<u.length;s++){let e=a+u[s],h=i[n.u32[e]];if(h===void 0)throw new k("batch: a kept result that no call made");n.u32[e]=n.objects.toHandle(h)}}function pt(t,c,u,i,n){let a=E[t],s=Array.from(i),{fn:e,self:h,where:l,access:b}=tt(a,c,u,s.length),p=a.batchDecoders.length;return a.batchDecoders.push(H(a,p,e,h,l,s,n,b)),a.batchRunner=null,p}function dt(t,c,u,i){return V(E[t],c,u,i)}function bt(t,c,u){F(E[t],c,u)}export{pt as swBindBatch,bt as swKeepBatchResults,dt as swRunBatch};
